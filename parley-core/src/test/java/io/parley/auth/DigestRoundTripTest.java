package io.parley.auth;

import static io.parley.auth.DigestTestSupport.onlyValue;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.AuthValue;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parley's client answering Parley's server, for every algorithm, qop and challenge status. */
class DigestRoundTripTest {

    private static final byte[] SDP = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\n".getBytes(StandardCharsets.US_ASCII);

    static Stream<Arguments> combinations() {
        List<Arguments> result = new ArrayList<>();
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            for (String qop : List.of("none", "auth", "auth-int")) {
                for (int status : List.of(401, 407)) {
                    result.add(Arguments.of(algorithm, qop, status));
                }
            }
        }
        return result.stream();
    }

    private static Set<Qop> qopOptions(String qop) {
        return Qop.fromToken(qop).map(Set::of).orElse(Set.of());
    }

    @ParameterizedTest(name = "{0} qop={1} status={2}")
    @MethodSource("combinations")
    void serverAcceptsClientAnswer(DigestAlgorithm algorithm, String qop, int status) {
        ServerConfig config = new ServerConfig("example.com", List.of(algorithm), qopOptions(qop),
                ServerConfig.Policy.STRICT, Optional.of("op-1"), false, true);
        DigestServer server = server(config);
        DigestClient client = new DigestClient(
                CredentialsProvider.forAnyRealm(new DigestCredentials("alice", "correct-horse-7")),
                ClientPolicy.DEFAULT, new SecureRandom());

        AuthDecision decision = client.authenticate(new Challenged(status, server.challenges(false), "INVITE",
                "sip:bob@example.com", SDP));
        AuthValue answer = onlyValue(decision);
        Verification verification = server.verify(answer, "INVITE", "sip:bob@example.com", SDP);

        assertThat(((AuthDecision.Send) decision).header()).isEqualTo(CredentialsHeader.forStatus(status));
        assertThat(verification).isInstanceOf(Verification.Accepted.class);
        Verification.Accepted accepted = (Verification.Accepted) verification;
        assertThat(accepted.username()).isEqualTo("alice");
        assertThat(accepted.algorithm()).isEqualTo(algorithm);
        assertThat(accepted.qop()).isEqualTo(Qop.fromToken(qop));
        assertThat(client.onAccepted(CredentialsHeader.forStatus(status), accepted.authenticationInfo(), new byte[0]))
                .as("rspauth check").isEmpty();
    }

    @ParameterizedTest(name = "{0} qop={1} status={2}")
    @MethodSource("combinations")
    void serverAcceptsPreemptiveAnswerWithNextnonce(DigestAlgorithm algorithm, String qop, int status) {
        ServerConfig config = new ServerConfig("example.com", List.of(algorithm), qopOptions(qop),
                ServerConfig.Policy.STRICT, Optional.empty(), false, true);
        DigestServer server = server(config);
        DigestClient client = new DigestClient(
                CredentialsProvider.forAnyRealm(new DigestCredentials("alice", "correct-horse-7")),
                ClientPolicy.DEFAULT, new SecureRandom());
        AuthValue first = onlyValue(client.authenticate(new Challenged(status, server.challenges(false),
                "REGISTER", "sip:example.com", new byte[0])));
        Verification.Accepted accepted = (Verification.Accepted) server.verify(first, "REGISTER",
                "sip:example.com", new byte[0]);
        client.onAccepted(CredentialsHeader.forStatus(status), accepted.authenticationInfo(), new byte[0]);

        List<AuthDecision.Send> preemptive = client.preemptive("REGISTER", "sip:example.com", new byte[0]);
        AuthValue second = preemptive.get(0).values().get(0);

        assertThat(second.param("nonce")).isEqualTo(accepted.authenticationInfo().orElseThrow().param("nextnonce"));
        assertThat(server.verify(second, "REGISTER", "sip:example.com", new byte[0]))
                .isInstanceOf(Verification.Accepted.class);
    }

    static DigestServer server(ServerConfig config) {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        InMemoryCredentialStore store = new InMemoryCredentialStore().add("alice", config.realm(), "correct-horse-7");
        return new DigestServer(config, store, new NonceIssuer("0123456789abcdef".getBytes(StandardCharsets.US_ASCII),
                clock, new SecureRandom(), Duration.ofMinutes(5)), new NonceCountTracker(1000));
    }
}
