package io.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code parley register} as a process against the strict Kamailio registrar. */
@ExtendWith(PeerLogs.class)
class ParleyCommandTest {

    private static final String USER = "alice";
    private static final String PASSWORD = "wonderland-7";
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    private static final String TRUST_STORE_PASSWORD = "interop-trust";

    @TempDir
    Path directory;

    @Test
    void registerOnceExitsZeroWithOutcome() throws Exception {
        try (KamailioRegistrar registrar = KamailioRegistrar.start(KamailioSettings.withUser(USER, PASSWORD), directory);
                ParleyCommand parley = ParleyCommand.start(directory, PASSWORD, "register",
                        "sip:" + USER + "@" + registrar.realm(), "--registrar", "sip:127.0.0.1:" + registrar.udpPort(),
                        "--expires", "60", "--once")) {
            int status = parley.awaitExit(EXIT_TIMEOUT);

            assertThat(status).as("exit status; output:%n%s", parley.output()).isZero();
            assertThat(parley.output())
                    .contains("challenged with 401: realm \"parley.test\", algorithm MD5, qop auth")
                    .contains("outcome: registered for 60 s, contact <sip:alice@127.0.0.1:")
                    .contains("challenge realm \"parley.test\", algorithm MD5, qop auth")
                    .contains("unregistered");
            assertThat(registrar.contactsOf(USER)).isEmpty();
        }
    }

    @Test
    void registerWithWrongPasswordExitsOne() throws Exception {
        try (KamailioRegistrar registrar = KamailioRegistrar.start(KamailioSettings.withUser(USER, PASSWORD), directory);
                ParleyCommand parley = ParleyCommand.start(directory, "not-" + PASSWORD, "register",
                        "sip:" + USER + "@" + registrar.realm(), "--registrar", "sip:127.0.0.1:" + registrar.udpPort(),
                        "--once")) {
            int status = parley.awaitExit(EXIT_TIMEOUT);

            assertThat(status).as("exit status; output:%n%s", parley.output()).isEqualTo(1);
            assertThat(parley.output()).contains("credentials for user \"alice\" in realm \"parley.test\" were rejected")
                    .contains("401 Unauthorized").doesNotContain(PASSWORD);
            assertThat(registrar.contactsOf(USER)).isEmpty();
        }
    }

    @Test
    void registerOnceOverTlsWithTrustStore() throws Exception {
        TestCertificate certificate = TestCertificate.generate(directory);
        KamailioSettings settings = KamailioSettings.withUser(USER, PASSWORD).withTls(certificate.tlsFiles());
        Path trustStore = TrustStores.containing(certificate.certificate(), directory, TRUST_STORE_PASSWORD);
        Path trustPassword = directory.resolve("trust-password");
        Files.writeString(trustPassword, TRUST_STORE_PASSWORD + "\n");
        try (KamailioRegistrar registrar = KamailioRegistrar.start(settings, directory);
                ParleyCommand parley = ParleyCommand.start(directory, PASSWORD, "register",
                        "sip:" + USER + "@" + registrar.realm(), "--registrar", "sip:127.0.0.1:" + registrar.tlsPort(),
                        "--transport", "tls", "--trust-store", trustStore.toString(), "--trust-store-password-file",
                        trustPassword.toString(), "--once")) {
            int status = parley.awaitExit(EXIT_TIMEOUT);

            assertThat(status).as("exit status; output:%n%s", parley.output()).isZero();
            assertThat(parley.output()).contains("outcome: registered for 3600 s, contact <sip:alice@127.0.0.1:")
                    .contains(";transport=tls>").contains("unregistered");
            assertThat(registrar.contactsOf(USER)).isEmpty();
        }
    }

    @Test
    void sigtermUnregistersAndExitsZero() throws Exception {
        try (KamailioRegistrar registrar = KamailioRegistrar.start(KamailioSettings.withUser(USER, PASSWORD), directory);
                ParleyCommand parley = ParleyCommand.start(directory, PASSWORD, "register",
                        "sip:" + USER + "@" + registrar.realm(), "--registrar",
                        "sip:127.0.0.1:" + registrar.tcpPort() + ";transport=tcp", "--expires", "60")) {
            parley.awaitOutput("registered for 60 s", EXIT_TIMEOUT);
            assertThat(registrar.contactsOf(USER)).hasSize(1);

            parley.terminate();
            int status = parley.awaitExit(EXIT_TIMEOUT);

            assertThat(status).as("exit status; output:%n%s", parley.output()).isZero();
            assertThat(parley.output()).contains("stopping: unregistering").contains("unregistered");
            assertThat(registrar.contactsOf(USER)).isEmpty();
        }
    }
}
