package io.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Checks the rendering of the Kamailio configuration template without starting Kamailio. */
class KamailioConfigTest {

    private static final Path SOCKET = Path.of("/tmp/test/kamailio-ctl.sock");

    @Test
    void rendersEveryTokenWithoutTls() {
        String config = KamailioRegistrar.configText(KamailioSettings.withUser("alice", "pw-1"), 5061, 5062, 0, SOCKET);

        assertThat(config).doesNotContainPattern("@[A-Z_]+@");
        assertThat(config).contains("listen=udp:127.0.0.1:5061\n");
        assertThat(config).contains("listen=tcp:127.0.0.1:5062\n");
        assertThat(config).contains("\t$sht(users=>alice) = \"pw-1\";\n");
        assertThat(config).doesNotContain("#!define WITH_TLS");
    }

    @Test
    void rendersTlsListenerWithTlsFiles() {
        KamailioSettings settings = KamailioSettings.withUser("alice", "pw-1")
                .withTls(new KamailioSettings.TlsFiles(Path.of("/tmp/test/cert.pem"), Path.of("/tmp/test/key.pem")));

        String config = KamailioRegistrar.configText(settings, 5061, 5062, 5063, SOCKET);

        assertThat(config).doesNotContainPattern("@[A-Z_]+@");
        assertThat(config).contains("#!define WITH_TLS\n");
        assertThat(config).contains("listen=tls:127.0.0.1:5063\n");
        assertThat(config).contains("modparam(\"tls\", \"certificate\", \"/tmp/test/cert.pem\")");
    }

    @Test
    void rejectsPasswordWithQuote() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> KamailioSettings.withUser("alice", "pw\"1"))
                .withMessageContaining("alice");
    }
}
