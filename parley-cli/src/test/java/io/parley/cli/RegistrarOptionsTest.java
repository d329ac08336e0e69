package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.auth.DigestAlgorithm;
import io.parley.auth.Qop;
import io.parley.registrar.AuthenticationConfig;
import io.parley.registrar.ListenAddress;
import io.parley.registrar.Profile;
import io.parley.registrar.RegistrarConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class RegistrarOptionsTest {

    private static RegistrarOptions parse(String... args) {
        RegistrarOptions options = new RegistrarOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void defaultsListenOnLoopbackUdp5060() {
        RegistrarOptions options = parse();

        assertThat(options.listenAddresses()).containsExactly(new ListenAddress("UDP", "127.0.0.1", 5060));
        assertThat(options.storeDirectory()).isEqualTo(Path.of("parley-registrar-store"));
        assertThat(options.effectiveRealm()).isEqualTo("parley");
    }

    @Test
    void defaultAuthenticationIsStrictSha256Md5() {
        AuthenticationConfig authentication = parse().config(true).authentication().orElseThrow();

        assertThat(authentication.profile()).isEqualTo(Profile.STRICT);
        assertThat(authentication.algorithms()).containsExactly(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5);
        assertThat(authentication.qopOptions()).containsExactly(Qop.AUTH);
        assertThat(authentication.challengeStatus()).isEqualTo(401);
    }

    @Test
    void translatesEveryOption() {
        RegistrarConfig config = parse("--listen", "udp:127.0.0.1:5070", "--listen", "tcp:[::1]:5071",
                "--domain", "example.com", "--domain", "example.org", "--profile", "lenient",
                "--algorithms", "MD5,SHA-512-256", "--qop", "auth,auth-int", "--challenge", "407").config(true);
        AuthenticationConfig authentication = config.authentication().orElseThrow();

        assertThat(config.domains()).containsExactlyInAnyOrder("example.com", "example.org");
        assertThat(authentication.realm()).isEqualTo("example.com");
        assertThat(authentication.profile()).isEqualTo(Profile.LENIENT);
        assertThat(authentication.algorithms()).containsExactly(DigestAlgorithm.MD5, DigestAlgorithm.SHA_512_256);
        assertThat(authentication.qopOptions()).containsExactlyInAnyOrder(Qop.AUTH, Qop.AUTH_INT);
        assertThat(authentication.challengeStatus()).isEqualTo(407);
    }

    @Test
    void translatesNonceExpiryAndGuessingOptions() {
        RegistrarConfig config = parse("--nonce-lifetime", "30", "--nonce-max-uses", "3", "--max-auth-failures", "2",
                "--failure-window", "90", "--expires", "600,30,1200").config(true);
        AuthenticationConfig authentication = config.authentication().orElseThrow();

        assertThat(authentication.nonceLifetime()).isEqualTo(Duration.ofSeconds(30));
        assertThat(authentication.nonceMaxUses()).isEqualTo(3);
        assertThat(config.guessingLimit()).isEqualTo(new RegistrarConfig.GuessingLimit(2, Duration.ofSeconds(90)));
        assertThat(config.expiry()).isEqualTo(new RegistrarConfig.Expiry(600, 30, 1200));
    }

    @Test
    void defaultsNeverRotateNonceAndAllowFiveFailures() {
        RegistrarConfig config = parse().config(true);

        assertThat(config.authentication().orElseThrow().nonceMaxUses()).isZero();
        assertThat(config.authentication().orElseThrow().nonceLifetime()).isEqualTo(Duration.ofMinutes(5));
        assertThat(config.guessingLimit()).isEqualTo(RegistrarConfig.GuessingLimit.DEFAULT);
        assertThat(config.expiry()).isEqualTo(RegistrarConfig.Expiry.DEFAULT);
    }

    @Test
    void rejectsInvalidExpiryNamingForm() {
        assertThatThrownBy(() -> parse("--expires", "600,30").config(false)).hasMessageContaining("DEFAULT,MIN,MAX");
        assertThatThrownBy(() -> parse("--expires", "10,30,60").config(false)).hasMessageContaining("--expires \"10,30,60\"");
        assertThatThrownBy(() -> parse("--nonce-lifetime", "0").config(true)).hasMessageContaining("--nonce-lifetime 0");
        assertThatThrownBy(() -> parse("--max-auth-failures", "0").config(false)).hasMessageContaining("--max-auth-failures 0");
    }

    @Test
    void qopNoneOffersNoQop() {
        assertThat(parse("--qop", "none").config(true).authentication().orElseThrow().qopOptions()).isEmpty();
    }

    @Test
    void withoutAuthenticationConfigHasNone() {
        assertThat(parse().config(false).authentication()).isEmpty();
    }

    @Test
    void rejectsUnknownAlgorithmNamingIt() {
        RegistrarOptions options = parse("--algorithms", "SHA-256,SHA3-512");

        assertThatThrownBy(() -> options.config(true)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"SHA3-512\"");
    }

    @Test
    void rejectsInvalidQopProfileAndChallenge() {
        assertThatThrownBy(() -> parse("--qop", "auth-conf").config(true)).hasMessageContaining("--qop \"auth-conf\"");
        assertThatThrownBy(() -> parse("--profile", "loose").config(true)).hasMessageContaining("--profile \"loose\"");
        assertThatThrownBy(() -> parse("--challenge", "403").config(true)).hasMessageContaining("--challenge 403");
    }

    @Test
    void servesEveryDomainWithoutDomainOption() {
        assertThat(parse().config(false).serves("anything.example")).isTrue();
        assertThat(Set.copyOf(parse("--domain", "a.example").config(false).domains())).isEqualTo(Set.of("a.example"));
    }

    @Test
    void rejectsInvalidListenValue() {
        RegistrarOptions options = parse("--listen", "sctp:127.0.0.1:5060");

        assertThatThrownBy(options::listenAddresses).hasMessageContaining("\"sctp:127.0.0.1:5060\"")
                .hasMessageContaining("udp, tcp or tls");
    }

    @Test
    void listenValuesKeepTheirOrder() {
        assertThat(parse("--listen", "tls:127.0.0.1", "--listen", "udp:127.0.0.1:0").listenAddresses())
                .isEqualTo(List.of(new ListenAddress("TLS", "127.0.0.1", 5061), new ListenAddress("UDP", "127.0.0.1", 0)));
    }
}
