package io.parley.registrar;

import static io.parley.registrar.Requests.SOURCE;
import static io.parley.registrar.Requests.contact;
import static io.parley.registrar.Requests.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthDecision;
import io.parley.auth.ClientPolicy;
import io.parley.auth.CredentialsHeader;
import io.parley.auth.CredentialsProvider;
import io.parley.auth.DigestAlgorithm;
import io.parley.auth.DigestClient;
import io.parley.auth.DigestCredentials;
import io.parley.auth.InMemoryCredentialStore;
import io.parley.auth.Qop;
import io.parley.location.Binding;
import io.parley.location.InMemoryLocationStore;
import io.parley.message.AuthParam;
import io.parley.message.AuthValue;
import io.parley.message.NameAddress;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.SipUri;
import io.parley.message.Warning;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RegistrarAuthenticationTest {

    private static final String REALM = "example.com";
    private static final String PASSWORD = "correct-horse-7";
    private static final String PHONE = "sip:alice@192.0.2.10:5062";
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private final TestClock clock = new TestClock(START);
    private final InMemoryLocationStore store = new InMemoryLocationStore();
    private final InMemoryCredentialStore users = new InMemoryCredentialStore()
            .add("alice", REALM, PASSWORD)
            .add("bob", REALM, "bobs-password");

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Registrar registrar(AuthenticationConfig authentication) {
        return registrar(RegistrarConfig.open().withAuthentication(authentication));
    }

    private Registrar registrar(RegistrarConfig config) {
        return new Registrar(config, users, store, clock, new SecureRandom());
    }

    private static DigestClient client(String user, String password) {
        return new DigestClient(CredentialsProvider.forAnyRealm(new DigestCredentials(user, password)),
                ClientPolicy.DEFAULT, new SecureRandom());
    }

    private static SipRequest aliceRegister(long cseq) {
        return register("alice", "call-1", cseq).contact(contact(PHONE)).build();
    }

    private static String warningText(SipResponse response) {
        return response.warnings().stream().map(Warning::text).findFirst().orElse("");
    }

    @Test
    void registersAfterSha256QopAuthChallenge() {
        Registrar registrar = registrar(AuthenticationConfig.defaults(REALM));
        ClientExchange exchange = new ClientExchange(registrar, client("alice", PASSWORD), SOURCE);

        SipResponse response = exchange.run(aliceRegister(1));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(exchange.responses.get(0).statusCode()).isEqualTo(401);
        AuthValue answer = exchange.requests.get(1).authorization().get(0);
        assertThat(answer.param("algorithm")).hasValue("SHA-256");
        assertThat(answer.param("qop")).hasValue("auth");
        assertThat(store.lookup("sip:alice@example.com", START)).extracting(Binding::contactUri).containsExactly(PHONE);
    }

    @Test
    void challengeOffersEachAlgorithmStrongestFirst() {
        Registrar registrar = registrar(AuthenticationConfig.defaults(REALM).withAlgorithms(
                List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_512_256, DigestAlgorithm.SHA_256)));

        SipResponse response = registrar.handle(aliceRegister(1), SOURCE).orElseThrow();

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.wwwAuthenticate()).extracting(value -> value.param("algorithm").orElseThrow())
                .containsExactly("SHA-512-256", "SHA-256", "MD5");
        assertThat(response.wwwAuthenticate()).extracting(value -> value.param("realm").orElseThrow()).containsOnly(REALM);
        assertThat(response.wwwAuthenticate()).extracting(value -> value.param("qop").orElseThrow()).containsOnly("auth");
        assertThat(response.wwwAuthenticate()).allSatisfy(value -> assertThat(value.param("stale")).isEmpty());
    }

    static Stream<Arguments> algorithmQopAndStatus() {
        Stream.Builder<Arguments> cases = Stream.builder();
        for (DigestAlgorithm algorithm : DigestAlgorithm.values()) {
            for (Set<Qop> qop : List.of(Set.<Qop>of(), Set.of(Qop.AUTH), Set.of(Qop.AUTH, Qop.AUTH_INT))) {
                for (int status : new int[] {401, 407}) {
                    cases.add(Arguments.of(algorithm, qop, status));
                }
            }
        }
        return cases.build();
    }

    @ParameterizedTest(name = "{0} qop={1} {2}")
    @MethodSource("algorithmQopAndStatus")
    void acceptsClientAnswerForEveryAlgorithmQopAndStatus(DigestAlgorithm algorithm, Set<Qop> qop, int status) {
        Registrar registrar = registrar(AuthenticationConfig.defaults(REALM).withAlgorithms(List.of(algorithm))
                .withQopOptions(qop).withChallengeStatus(status));
        ClientExchange exchange = new ClientExchange(registrar, client("alice", PASSWORD), SOURCE);

        SipResponse response = exchange.run(aliceRegister(1));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(exchange.responses.get(0).statusCode()).isEqualTo(status);
        SipRequest answered = exchange.requests.get(1);
        List<AuthValue> credentials = status == 401 ? answered.authorization() : answered.proxyAuthorization();
        assertThat(credentials).singleElement().satisfies(value ->
                assertThat(value.param("qop").isPresent()).isEqualTo(!qop.isEmpty()));
    }

    @Test
    void proxyChallengeCarriesProxyAuthenticate() {
        Registrar registrar = registrar(AuthenticationConfig.defaults(REALM).withChallengeStatus(407));

        SipResponse response = registrar.handle(aliceRegister(1), SOURCE).orElseThrow();

        assertThat(response.statusCode()).isEqualTo(407);
        assertThat(response.proxyAuthenticate()).hasSize(2);
        assertThat(response.wwwAuthenticate()).isEmpty();
    }

    @Test
    void usersFileAccountsAuthenticate() {
        UsersFile file = UsersFile.empty().withUser(UserEntry.fromPassword("alice", REALM, PASSWORD.toCharArray()));
        Registrar registrar = new Registrar(RegistrarConfig.open().withAuthentication(AuthenticationConfig.defaults(REALM)),
                new UsersCredentialStore(file), store, clock, new SecureRandom());

        SipResponse response = new ClientExchange(registrar, client("alice", PASSWORD), SOURCE).run(aliceRegister(1));

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsWrongPasswordWithNewChallengeAndReason() {
        Registrar registrar = registrar(AuthenticationConfig.defaults(REALM));
        ClientExchange exchange = new ClientExchange(registrar, client("alice", "wrong"), SOURCE);

        SipResponse response = exchange.run(aliceRegister(1));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(exchange.responses).hasSize(2);
        assertThat(warningText(response)).startsWith("WRONG_RESPONSE");
        assertThat(store.lookup("sip:alice@example.com", START)).isEmpty();
    }

    @Test
    void rejectsUnknownUser() {
        Registrar registrar = registrar(AuthenticationConfig.defaults(REALM));
        SipRequest request = register("carol", "call-1", 1).contact(contact("sip:carol@192.0.2.12")).build();

        SipResponse response = new ClientExchange(registrar, client("carol", "x"), SOURCE).run(request);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(warningText(response)).startsWith("UNKNOWN_USER");
    }

    @Test
    void rejectsRegistrationOfAnotherUsersAor() {
        Registrar registrar = registrar(AuthenticationConfig.defaults(REALM));
        SipRequest request = register("alice", "call-1", 1)
                .to(NameAddress.of(SipUri.of("bob", "example.com"))).contact(contact(PHONE)).build();

        SipResponse response = new ClientExchange(registrar, client("alice", PASSWORD), SOURCE).run(request);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(warningText(response)).startsWith("aor-not-owned");
        assertThat(store.lookup("sip:bob@example.com", START)).isEmpty();
    }

    /** Builds the RFC 2069 form of an answer to the registrar's qop challenge, as the softphone in the original report did. */
    private static SipRequest rfc2069Answer(SipRequest request, SipResponse challenge) {
        AuthValue offered = challenge.wwwAuthenticate().get(0);
        List<AuthParam> withoutQop = offered.params().stream().filter(param -> !param.is("qop")).toList();
        SipResponse qopRemoved = challenge.toBuilder().removeHeader(io.parley.message.HeaderName.WWW_AUTHENTICATE)
                .addWwwAuthenticate(AuthValue.of(offered.scheme(), withoutQop)).build();
        AuthDecision decision = client("alice", PASSWORD).authenticate(ClientExchange.challengedBy(request, qopRemoved));
        return ClientExchange.withCredentials(request, (AuthDecision.Send) decision);
    }

    @Test
    void strictRejectsRfc2069AnswerToQopChallengeWith403() {
        Registrar registrar = registrar(AuthenticationConfig.defaults(REALM).withProfile(Profile.STRICT));
        SipRequest first = aliceRegister(1);
        SipResponse challenge = registrar.handle(first, SOURCE).orElseThrow();
        SipRequest answer = rfc2069Answer(first, challenge);

        SipResponse response = registrar.handle(answer, SOURCE).orElseThrow();

        assertThat(answer.authorization().get(0).param("cnonce")).isEmpty();
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(warningText(response)).startsWith("QOP_REQUIRED");
        assertThat(response.warnings().get(0).code()).isEqualTo(399);
        assertThat(response.wwwAuthenticate()).isEmpty();
    }

    @Test
    void lenientAcceptsRfc2069AnswerToQopChallenge() {
        Registrar registrar = registrar(AuthenticationConfig.defaults(REALM).withProfile(Profile.LENIENT));
        SipRequest first = aliceRegister(1);
        SipResponse challenge = registrar.handle(first, SOURCE).orElseThrow();

        SipResponse response = registrar.handle(rfc2069Answer(first, challenge), SOURCE).orElseThrow();

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsReplayedNonceCount() {
        Registrar registrar = registrar(AuthenticationConfig.defaults(REALM));
        ClientExchange exchange = new ClientExchange(registrar, client("alice", PASSWORD), SOURCE);
        exchange.run(aliceRegister(1));
        SipRequest accepted = exchange.requests.get(1);
        SipRequest replay = accepted.toBuilder().cseq(new io.parley.message.CSeq(9, io.parley.message.Method.REGISTER)).build();

        SipResponse response = registrar.handle(replay, SOURCE).orElseThrow();

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(warningText(response)).startsWith("NC_REPLAY");
    }

    @Test
    void expiredNonceGetsStaleChallengeAndClientRetries() {
        DigestClient client = client("alice", PASSWORD);
        Registrar registrar = registrar(AuthenticationConfig.defaults(REALM).withNonceLifetime(Duration.ofSeconds(30)));
        ClientExchange exchange = new ClientExchange(registrar, client, SOURCE);
        exchange.run(aliceRegister(1));
        clock.advance(Duration.ofSeconds(31));
        SipRequest refresh = ClientExchange.withCredentials(aliceRegister(2),
                client.preemptive("REGISTER", "sip:example.com", new byte[0]).get(0));

        SipResponse response = exchange.run(refresh);

        SipResponse staleChallenge = exchange.responses.get(2);
        assertThat(staleChallenge.statusCode()).isEqualTo(401);
        assertThat(staleChallenge.wwwAuthenticate()).allSatisfy(value -> assertThat(value.param("stale")).hasValue("true"));
        assertThat(warningText(staleChallenge)).startsWith("STALE_NONCE");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void rotatesNonceWithoutStaleAfterMaximumUses() {
        DigestClient client = client("alice", PASSWORD);
        Registrar registrar = registrar(AuthenticationConfig.defaults(REALM).withNonceMaxUses(1));
        ClientExchange exchange = new ClientExchange(registrar, client, SOURCE);
        exchange.run(aliceRegister(1));
        SipRequest refresh = ClientExchange.withCredentials(aliceRegister(2),
                client.preemptive("REGISTER", "sip:example.com", new byte[0]).get(0));

        SipResponse response = exchange.run(refresh);

        SipResponse rotation = exchange.responses.get(2);
        assertThat(rotation.statusCode()).isEqualTo(401);
        assertThat(rotation.wwwAuthenticate()).allSatisfy(value -> assertThat(value.param("stale")).isEmpty());
        assertThat(warningText(rotation)).startsWith("NONCE_ROTATED");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(exchange.requests.get(3).authorization().get(0).param("nonce"))
                .isNotEqualTo(exchange.requests.get(2).authorization().get(0).param("nonce"));
    }

    @Test
    void checksDomainAndRequireBeforeAuthentication() {
        Registrar registrar = registrar(RegistrarConfig.open().withDomains(Set.of("example.com"))
                .withAuthentication(AuthenticationConfig.defaults(REALM)));
        SipRequest otherDomain = register("alice", "call-1", 1).requestUri(SipUri.of("", "example.org"))
                .contact(contact(PHONE)).build();
        SipRequest unsupported = register("alice", "call-1", 2).require(List.of("gruu")).contact(contact(PHONE)).build();

        SipResponse domainResponse = registrar.handle(otherDomain, SOURCE).orElseThrow();
        SipResponse requireResponse = registrar.handle(unsupported, SOURCE).orElseThrow();

        assertThat(domainResponse.statusCode()).isEqualTo(404);
        assertThat(requireResponse.statusCode()).isEqualTo(420);
        assertThat(requireResponse.wwwAuthenticate()).isEmpty();
    }

    @Test
    void registrarWithSameSecretAcceptsEarlierNonce() {
        byte[] secret = new byte[Registrar.NONCE_SECRET_BYTES];
        new SecureRandom().nextBytes(secret);
        RegistrarConfig config = RegistrarConfig.open().withAuthentication(AuthenticationConfig.defaults(REALM));
        Registrar before = new Registrar(config, users, store, clock, new SecureRandom(), secret);
        Registrar after = new Registrar(config, users, store, clock, new SecureRandom(), secret);
        Registrar otherSecret = registrar(config);
        SipRequest first = aliceRegister(1);
        SipResponse challenge = before.handle(first, SOURCE).orElseThrow();
        AuthDecision.Send answer = (AuthDecision.Send) client("alice", PASSWORD)
                .authenticate(ClientExchange.challengedBy(first, challenge));
        SipRequest answered = ClientExchange.withCredentials(first, answer);

        SipResponse rejected = otherSecret.handle(answered, SOURCE).orElseThrow();
        SipResponse accepted = after.handle(answered, SOURCE).orElseThrow();

        assertThat(rejected.statusCode()).isEqualTo(401);
        assertThat(warningText(rejected)).startsWith("UNKNOWN_NONCE");
        assertThat(accepted.statusCode()).isEqualTo(200);
    }

    @Test
    void unknownSchemeGetsDigestChallenge() {
        Registrar registrar = registrar(AuthenticationConfig.defaults(REALM));
        SipRequest request = Requests.torture("regaut01");

        SipResponse response = registrar.handle(request, SOURCE).orElseThrow();

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.wwwAuthenticate()).isNotEmpty();
    }

    @Test
    void blocksSourceAfterRepeatedFailuresUntilWindowEnds() {
        RegistrarConfig config = RegistrarConfig.open().withAuthentication(AuthenticationConfig.defaults(REALM))
                .withGuessingLimit(new RegistrarConfig.GuessingLimit(3, Duration.ofSeconds(60)));
        Registrar registrar = registrar(config);
        for (int i = 0; i < 3; i++) {
            new ClientExchange(registrar, client("alice", "guess-" + i), SOURCE).run(aliceRegister(10 * i + 1));
        }

        SipResponse blocked = new ClientExchange(registrar, client("alice", PASSWORD), SOURCE).run(aliceRegister(100));
        RequestSource otherAddress = new RequestSource("127.0.0.2", 5062, "UDP");
        SipResponse fromOtherAddress = new ClientExchange(registrar, client("alice", PASSWORD), otherAddress)
                .run(aliceRegister(200));
        clock.advance(Duration.ofSeconds(61));
        SipResponse afterWindow = new ClientExchange(registrar, client("alice", PASSWORD), SOURCE).run(aliceRegister(300));

        assertThat(blocked.statusCode()).isEqualTo(403);
        assertThat(warningText(blocked)).startsWith("TOO_MANY_FAILURES");
        assertThat(fromOtherAddress.statusCode()).isEqualTo(200);
        assertThat(afterWindow.statusCode()).isEqualTo(200);
    }

    @Test
    void logsBlockOncePerWindow() {
        RegistrarConfig config = RegistrarConfig.open().withAuthentication(AuthenticationConfig.defaults(REALM))
                .withGuessingLimit(new RegistrarConfig.GuessingLimit(2, Duration.ofSeconds(60)));
        Registrar registrar = registrar(config);
        try (LogCapture logs = new LogCapture()) {
            for (int i = 0; i < 5; i++) {
                new ClientExchange(registrar, client("alice", "guess-" + i), SOURCE).run(aliceRegister(10 * i + 1));
            }
            clock.advance(Duration.ofSeconds(61));
            for (int i = 0; i < 3; i++) {
                new ClientExchange(registrar, client("alice", "again-" + i), SOURCE).run(aliceRegister(100 + 10 * i));
            }

            assertThat(logs.messages()).filteredOn(message -> message.startsWith("blocking source 127.0.0.1")).hasSize(2);
        }
    }

    @Test
    void logsRegistrationAndRejectionWithoutSecrets() {
        Registrar registrar = registrar(AuthenticationConfig.defaults(REALM));
        try (LogCapture logs = new LogCapture()) {
            ClientExchange good = new ClientExchange(registrar, client("alice", PASSWORD), SOURCE);
            good.run(aliceRegister(1));
            ClientExchange bad = new ClientExchange(registrar, client("bob", "not-bobs"), SOURCE);
            bad.run(register("bob", "call-2", 1).contact(contact("sip:bob@192.0.2.20")).build());

            List<String> secrets = Stream.concat(good.requests.stream(), bad.requests.stream())
                    .flatMap(request -> request.authorization().stream())
                    .map(value -> value.param("response").orElseThrow())
                    .toList();
            Map<String, String> ha1 = Map.of("alice", users.ha1("alice", REALM, DigestAlgorithm.SHA_256).orElseThrow(),
                    "bob", users.ha1("bob", REALM, DigestAlgorithm.SHA_256).orElseThrow());
            assertThat(logs.messages()).anySatisfy(message -> assertThat(message)
                    .startsWith("registered aor=sip:alice@example.com contact=" + PHONE).contains("source=127.0.0.1:5062/UDP"));
            assertThat(logs.messages()).anySatisfy(message -> assertThat(message)
                    .contains("reason=WRONG_RESPONSE").contains("aor=sip:bob@example.com").contains("source=127.0.0.1:5062"));
            for (String message : logs.messages()) {
                assertThat(message).doesNotContain(PASSWORD).doesNotContain("not-bobs").doesNotContain("bobs-password");
                assertThat(message).doesNotContain(ha1.get("alice")).doesNotContain(ha1.get("bob"));
                secrets.forEach(secret -> assertThat(message).doesNotContain(secret));
            }
        }
    }

    @Test
    void proxyAuthorizationAnswerRegistersOverProxyChallenge() {
        Registrar registrar = registrar(AuthenticationConfig.defaults(REALM).withChallengeStatus(407));
        ClientExchange exchange = new ClientExchange(registrar, client("alice", PASSWORD), SOURCE);

        SipResponse response = exchange.run(aliceRegister(1));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(exchange.requests.get(1).proxyAuthorization()).hasSize(1);
        assertThat(exchange.requests.get(1).authorization()).isEmpty();
        assertThat(CredentialsHeader.forStatus(exchange.responses.get(0).statusCode()))
                .isEqualTo(CredentialsHeader.PROXY_AUTHORIZATION);
    }
}
