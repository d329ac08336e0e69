package io.parley.auth;

import static io.parley.auth.DigestTestSupport.NO_BODY;
import static io.parley.auth.DigestTestSupport.onlyValue;
import static io.parley.auth.DigestTestSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.AuthParam;
import io.parley.message.AuthValue;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Challenges and verification on the server side, and each tampered field with its reason. */
class DigestServerTest {

    private static final String URI = "sip:bob@example.com";
    private static final byte[] BODY = "v=0\r\n".getBytes(StandardCharsets.US_ASCII);

    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

    private DigestServer server(ServerConfig config) {
        InMemoryCredentialStore store = new InMemoryCredentialStore()
                .add("alice", config.realm(), "correct-horse-7")
                .add("bob", config.realm(), "other-password");
        return new DigestServer(config, store, new NonceIssuer("0123456789abcdef".getBytes(StandardCharsets.US_ASCII),
                clock, new SecureRandom(), Duration.ofMinutes(5)), new NonceCountTracker(1000));
    }

    private static ServerConfig config(Set<Qop> qop, ServerConfig.Policy policy) {
        return new ServerConfig("example.com", List.of(DigestAlgorithm.SHA_256), qop, policy,
                Optional.of("op-1"), false, false);
    }

    private static DigestClient client() {
        return new DigestClient(CredentialsProvider.forAnyRealm(new DigestCredentials("alice", "correct-horse-7")),
                new ClientPolicy(false, false, true, 2), new SecureRandom());
    }

    private static AuthValue answer(DigestServer server, String method, byte[] body) {
        return onlyValue(client().authenticate(new Challenged(401, server.challenges(false), method, URI, body)));
    }

    private static AuthValue replace(AuthValue value, String name, String newValue) {
        List<AuthParam> params = new ArrayList<>();
        for (AuthParam param : value.params()) {
            params.add(param.is(name) ? new AuthParam(param.name(), newValue, param.quoted()) : param);
        }
        return AuthValue.of(value.scheme(), params);
    }

    private static AuthValue remove(AuthValue value, String... names) {
        List<AuthParam> params = new ArrayList<>();
        for (AuthParam param : value.params()) {
            if (Stream.of(names).noneMatch(param::is)) {
                params.add(param);
            }
        }
        return AuthValue.of(value.scheme(), params);
    }

    static Stream<Arguments> tamperedFields() {
        return Stream.of(
                Arguments.of("username", (UnaryOperator<AuthValue>) v -> replace(v, "username", "mallory"),
                        RejectReason.UNKNOWN_USER),
                Arguments.of("username of another user", (UnaryOperator<AuthValue>) v -> replace(v, "username", "bob"),
                        RejectReason.WRONG_RESPONSE),
                Arguments.of("realm", (UnaryOperator<AuthValue>) v -> replace(v, "realm", "other.example.com"),
                        RejectReason.REALM_MISMATCH),
                Arguments.of("nonce", (UnaryOperator<AuthValue>) v -> replace(v, "nonce", "12345678"),
                        RejectReason.UNKNOWN_NONCE),
                Arguments.of("uri", (UnaryOperator<AuthValue>) v -> replace(v, "uri", "sip:carol@example.com"),
                        RejectReason.URI_MISMATCH),
                Arguments.of("response", (UnaryOperator<AuthValue>) v -> replace(v, "response", "0".repeat(64)),
                        RejectReason.WRONG_RESPONSE),
                Arguments.of("cnonce", (UnaryOperator<AuthValue>) v -> replace(v, "cnonce", "deadbeef"),
                        RejectReason.WRONG_RESPONSE),
                Arguments.of("nc", (UnaryOperator<AuthValue>) v -> replace(v, "nc", "00000002"),
                        RejectReason.WRONG_RESPONSE),
                Arguments.of("nc not hex", (UnaryOperator<AuthValue>) v -> replace(v, "nc", "0000000g"),
                        RejectReason.INVALID_NC),
                Arguments.of("nc zero", (UnaryOperator<AuthValue>) v -> replace(v, "nc", "00000000"),
                        RejectReason.INVALID_NC),
                Arguments.of("qop", (UnaryOperator<AuthValue>) v -> replace(v, "qop", "auth-conf"),
                        RejectReason.QOP_NOT_OFFERED),
                Arguments.of("algorithm", (UnaryOperator<AuthValue>) v -> replace(v, "algorithm", "MD5"),
                        RejectReason.ALGORITHM_NOT_OFFERED),
                Arguments.of("algorithm unknown", (UnaryOperator<AuthValue>) v -> replace(v, "algorithm", "SHA3-512"),
                        RejectReason.ALGORITHM_NOT_OFFERED),
                Arguments.of("opaque", (UnaryOperator<AuthValue>) v -> replace(v, "opaque", "op-2"),
                        RejectReason.OPAQUE_MISMATCH),
                Arguments.of("opaque removed", (UnaryOperator<AuthValue>) v -> remove(v, "opaque"),
                        RejectReason.OPAQUE_MISMATCH),
                Arguments.of("cnonce removed", (UnaryOperator<AuthValue>) v -> remove(v, "cnonce"),
                        RejectReason.MISSING_CNONCE),
                Arguments.of("nc removed", (UnaryOperator<AuthValue>) v -> remove(v, "nc"),
                        RejectReason.MISSING_NC),
                Arguments.of("response removed", (UnaryOperator<AuthValue>) v -> remove(v, "response"),
                        RejectReason.MISSING_PARAMETER),
                Arguments.of("qop, cnonce and nc removed",
                        (UnaryOperator<AuthValue>) v -> remove(v, "qop", "cnonce", "nc"), RejectReason.QOP_REQUIRED),
                Arguments.of("scheme", (UnaryOperator<AuthValue>) v -> AuthValue.of("Basic", v.params()),
                        RejectReason.UNSUPPORTED_SCHEME));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tamperedFields")
    void rejectsTamperedField(String field, UnaryOperator<AuthValue> tamper, RejectReason expected) {
        DigestServer server = server(config(Set.of(Qop.AUTH), ServerConfig.Policy.STRICT));
        AuthValue answer = answer(server, "INVITE", NO_BODY);

        Verification verification = server.verify(tamper.apply(answer), "INVITE", URI, NO_BODY);

        assertThat(verification).isInstanceOf(Verification.Rejected.class);
        assertThat(((Verification.Rejected) verification).reason()).isEqualTo(expected);
    }

    @Test
    void acceptsUntamperedAnswer() {
        DigestServer server = server(config(Set.of(Qop.AUTH), ServerConfig.Policy.STRICT));

        assertThat(server.verify(answer(server, "INVITE", NO_BODY), "INVITE", URI, NO_BODY))
                .isInstanceOf(Verification.Accepted.class);
    }

    @Test
    void rejectsOtherMethod() {
        DigestServer server = server(config(Set.of(Qop.AUTH), ServerConfig.Policy.STRICT));

        Verification verification = server.verify(answer(server, "INVITE", NO_BODY), "BYE", URI, NO_BODY);

        assertThat(((Verification.Rejected) verification).reason()).isEqualTo(RejectReason.WRONG_RESPONSE);
    }

    @Test
    void rejectsTamperedBodyUnderAuthInt() {
        DigestServer server = server(config(Set.of(Qop.AUTH, Qop.AUTH_INT), ServerConfig.Policy.STRICT));
        AuthValue answer = answer(server, "INVITE", BODY);
        assertThat(answer.param("qop")).contains("auth-int");

        Verification verification = server.verify(answer, "INVITE", URI, "v=1\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(((Verification.Rejected) verification).reason()).isEqualTo(RejectReason.WRONG_RESPONSE);
    }

    @Test
    void rejectsForgedNonce() {
        DigestServer server = server(config(Set.of(Qop.AUTH), ServerConfig.Policy.STRICT));
        AuthValue answer = answer(server, "INVITE", NO_BODY);
        String nonce = answer.param("nonce").orElseThrow();
        char last = nonce.charAt(nonce.length() - 1);
        String forged = nonce.substring(0, nonce.length() - 1) + (last == 'A' ? 'B' : 'A');

        Verification verification = server.verify(replace(answer, "nonce", forged), "INVITE", URI, NO_BODY);

        assertThat(((Verification.Rejected) verification).reason()).isEqualTo(RejectReason.UNKNOWN_NONCE);
    }

    @Test
    void marksExpiredNonceStale() {
        DigestServer server = server(config(Set.of(Qop.AUTH), ServerConfig.Policy.STRICT));
        AuthValue answer = answer(server, "INVITE", NO_BODY);
        clock.advance(Duration.ofMinutes(6));

        Verification verification = server.verify(answer, "INVITE", URI, NO_BODY);

        assertThat(((Verification.Rejected) verification).reason()).isEqualTo(RejectReason.STALE_NONCE);
        assertThat(((Verification.Rejected) verification).stale()).isTrue();
    }

    @Test
    void prefersWrongResponseOverStale() {
        DigestServer server = server(config(Set.of(Qop.AUTH), ServerConfig.Policy.STRICT));
        AuthValue answer = replace(answer(server, "INVITE", NO_BODY), "response", "0".repeat(64));
        clock.advance(Duration.ofMinutes(6));

        Verification verification = server.verify(answer, "INVITE", URI, NO_BODY);

        assertThat(((Verification.Rejected) verification).reason()).isEqualTo(RejectReason.WRONG_RESPONSE);
    }

    @Test
    void staleChallengeCarriesStaleTrue() {
        DigestServer server = server(config(Set.of(Qop.AUTH), ServerConfig.Policy.STRICT));

        assertThat(server.challenges(true).get(0).param("stale")).contains("true");
        assertThat(server.challenges(false).get(0).param("stale")).isEmpty();
    }

    @Test
    void offersAlgorithmsStrongestFirstOneHeaderEach() {
        ServerConfig config = new ServerConfig("example.com",
                List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_512_256, DigestAlgorithm.SHA_256),
                Set.of(Qop.AUTH, Qop.AUTH_INT), ServerConfig.Policy.STRICT, Optional.empty(), false, false);

        List<AuthValue> challenges = server(config).challenges(false);

        assertThat(challenges).extracting(c -> c.param("algorithm").orElseThrow())
                .containsExactly("SHA-512-256", "SHA-256", "MD5");
        assertThat(challenges.get(0).param("qop")).contains("auth,auth-int");
    }

    @Test
    void strictServerRejectsRfc2069AnswerToQopChallenge() {
        DigestServer server = server(config(Set.of(Qop.AUTH), ServerConfig.Policy.STRICT));

        Verification verification = server.verify(rfc2069Answer(server), "REGISTER", "sip:example.com", NO_BODY);

        assertThat(((Verification.Rejected) verification).reason()).isEqualTo(RejectReason.QOP_REQUIRED);
    }

    @Test
    void lenientServerAcceptsRfc2069AnswerToQopChallenge() {
        DigestServer server = server(config(Set.of(Qop.AUTH), ServerConfig.Policy.LENIENT));

        Verification verification = server.verify(rfc2069Answer(server), "REGISTER", "sip:example.com", NO_BODY);

        assertThat(verification).isInstanceOf(Verification.Accepted.class);
        assertThat(((Verification.Accepted) verification).qop()).isEmpty();
    }

    private static AuthValue rfc2069Answer(DigestServer server) {
        DigestChallenge challenge = DigestChallenge.from(server.challenges(false).get(0)).orElseThrow();
        return DigestAnswer.build(challenge, new DigestCredentials("alice", "correct-horse-7"), Optional.empty(), "",
                0, "REGISTER", "sip:example.com", NO_BODY).value();
    }

    @Test
    void resolvesHashedUsername() {
        ServerConfig config = new ServerConfig("example.com", List.of(DigestAlgorithm.SHA_256), Set.of(Qop.AUTH),
                ServerConfig.Policy.STRICT, Optional.empty(), true, false);
        DigestServer server = server(config);
        AuthValue answer = answer(server, "INVITE", NO_BODY);

        Verification verification = server.verify(answer, "INVITE", URI, NO_BODY);

        assertThat(answer.param("username")).isPresent().get().isNotEqualTo("alice");
        assertThat(((Verification.Accepted) verification).username()).isEqualTo("alice");
    }

    @Test
    void rejectsReplayedNc() {
        DigestServer server = server(config(Set.of(Qop.AUTH), ServerConfig.Policy.STRICT));
        AuthValue answer = answer(server, "INVITE", NO_BODY);
        server.verify(answer, "INVITE", URI, NO_BODY);

        Verification verification = server.verify(answer, "INVITE", URI, NO_BODY);

        assertThat(((Verification.Rejected) verification).reason()).isEqualTo(RejectReason.NC_REPLAY);
    }

    @Test
    void refusesReportedRfc2069AnswerAsStrictRegistrarDid() {
        DigestServer server = server(config(Set.of(Qop.AUTH), ServerConfig.Policy.STRICT));
        AuthValue reported = parse("Digest username=\"23\",realm=\"example.com\",nonce=\"156730866\","
                + "uri=\"sip:example.com\",response=\"dd2cc3756a5c6b8ee4ce359405d0ddf3\",algorithm=SHA-256,"
                + "opaque=\"op-1\"");

        Verification verification = server.verify(reported, "REGISTER", "sip:example.com", NO_BODY);

        assertThat(((Verification.Rejected) verification).reason()).isEqualTo(RejectReason.QOP_REQUIRED);
        assertThat(((Verification.Rejected) verification).detail()).doesNotContain("dd2cc3756a5c6b8ee4ce359405d0ddf3");
    }
}
