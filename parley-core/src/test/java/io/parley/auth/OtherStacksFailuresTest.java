package io.parley.auth;

import static io.parley.auth.DigestTestSupport.NO_BODY;
import static io.parley.auth.DigestTestSupport.cnonces;
import static io.parley.auth.DigestTestSupport.giveUpOf;
import static io.parley.auth.DigestTestSupport.headerOf;
import static io.parley.auth.DigestTestSupport.onlyValue;
import static io.parley.auth.DigestTestSupport.parse;
import static io.parley.auth.DigestTestSupport.parseAll;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.AuthValue;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Cases where other SIP stacks answered digest challenges wrongly, each with its exact value.
 * User alice, password correct-horse-7, realm example.com, method REGISTER, uri sip:example.com,
 * cnonce 4b1d3e9f and nc 00000001 unless a test says otherwise.
 */
class OtherStacksFailuresTest {

    private static final String REGISTRAR_URI = "sip:example.com";

    private static DigestClient client(String... cnonceValues) {
        return new DigestClient(CredentialsProvider.forAnyRealm(new DigestCredentials("alice", "correct-horse-7")),
                ClientPolicy.DEFAULT, cnonces(cnonceValues));
    }

    private static AuthDecision register(DigestClient client, int status, String... challenges) {
        return client.authenticate(new Challenged(status, parseAll(challenges), "REGISTER", REGISTRAR_URI, NO_BODY));
    }

    @Test
    void answersAuthFromAuthAndAuthIntList() {
        AuthValue value = onlyValue(register(client("4b1d3e9f"), 401,
                "Digest realm=\"example.com\", nonce=\"5f1e0c9b7a3d4e21\", qop=\"auth,auth-int\""));

        assertThat(value.param("qop")).contains("auth");
        assertThat(value.param("nc")).contains("00000001");
        assertThat(value.param("response")).contains("06db75945b088d0805a99e8d81d5658f");
    }

    @Test
    void answersAuthFromSpacedList() {
        AuthValue value = onlyValue(register(client("4b1d3e9f"), 401,
                "Digest realm=\"example.com\", nonce=\"5f1e0c9b7a3d4e21\", qop=\" auth-int , auth \""));

        assertThat(value.param("qop")).contains("auth");
        assertThat(value.param("response")).contains("06db75945b088d0805a99e8d81d5658f");
    }

    @Test
    void answersWithoutQopInRfc2069Form() {
        AuthValue value = onlyValue(register(client("4b1d3e9f"), 401,
                "Digest realm=\"example.com\", nonce=\"6c0e1f2a\""));

        assertThat(value.param("qop")).isEmpty();
        assertThat(value.param("nc")).isEmpty();
        assertThat(value.param("cnonce")).isEmpty();
        assertThat(value.param("response")).contains("0f327791d1861dfb87492247f1808fb9");
    }

    @Test
    void countsNcPerNonceAndServerRefusesReplay() {
        DigestChallenge challenge = DigestChallenge.from(parse(
                "Digest realm=\"example.com\", nonce=\"12345678\", qop=\"auth\"")).orElseThrow();
        DigestCredentials alice = new DigestCredentials("alice", "correct-horse-7");
        DigestAnswer first = DigestAnswer.build(challenge, alice, Optional.of(Qop.AUTH), "4b1d3e9f", 1,
                "REGISTER", REGISTRAR_URI, NO_BODY);
        DigestAnswer second = DigestAnswer.build(challenge, alice, Optional.of(Qop.AUTH), "4b1d3e9f", 2,
                "REGISTER", REGISTRAR_URI, NO_BODY);

        assertThat(first.value().param("response")).contains("3f0c3b78118de7e207290a4450492ccc");
        assertThat(second.value().param("response")).contains("8f2edbdccd44bb3e307b7f63b9a8d7d1");

        NonceCountTracker tracker = new NonceCountTracker(16);
        Instant issued = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(tracker.record("12345678", issued, 1)).isEqualTo(NonceCountTracker.Outcome.ACCEPTED);
        assertThat(tracker.record("12345678", issued, 2)).isEqualTo(NonceCountTracker.Outcome.ACCEPTED);
        assertThat(tracker.record("12345678", issued, 1)).isEqualTo(NonceCountTracker.Outcome.REPLAYED);
    }

    @Test
    void clientIncrementsNcOnSameNonce() {
        DigestClient client = client("4b1d3e9f");
        AuthValue first = onlyValue(register(client, 401,
                "Digest realm=\"example.com\", nonce=\"12345678\", qop=\"auth\""));
        client.onAccepted(CredentialsHeader.AUTHORIZATION, Optional.empty(), NO_BODY);

        List<AuthDecision.Send> next = client.preemptive("REGISTER", REGISTRAR_URI, NO_BODY);

        assertThat(first.param("response")).contains("3f0c3b78118de7e207290a4450492ccc");
        assertThat(next).hasSize(1);
        assertThat(next.get(0).values().get(0).param("nc")).contains("00000002");
        assertThat(next.get(0).values().get(0).param("response")).contains("8f2edbdccd44bb3e307b7f63b9a8d7d1");
    }

    @Test
    void serverRejectsReplayOfFirstNc() {
        ServerHarness server = new ServerHarness(ServerConfig.defaults("example.com"));
        DigestClient client = client("4b1d3e9f");
        AuthValue first = onlyValue(client.authenticate(server.challenged(401, "REGISTER", REGISTRAR_URI)));
        assertThat(server.verify(first, "REGISTER", REGISTRAR_URI)).isInstanceOf(Verification.Accepted.class);
        client.onAccepted(CredentialsHeader.AUTHORIZATION, Optional.empty(), NO_BODY);

        AuthValue second = client.preemptive("REGISTER", REGISTRAR_URI, NO_BODY).get(0).values().get(0);

        assertThat(server.verify(second, "REGISTER", REGISTRAR_URI)).isInstanceOf(Verification.Accepted.class);
        assertThat(server.verify(first, "REGISTER", REGISTRAR_URI))
                .isEqualTo(new Verification.Rejected(RejectReason.NC_REPLAY,
                        "nc 00000001 was already used with this nonce"));
    }

    @Test
    void restartsNcAndCnonceAfterNonceRotation() {
        DigestClient client = client("1f2e3d4c", "9e8d7c6b");
        register(client, 401, "Digest realm=\"example.com\", nonce=\"N1-aaaa\", qop=\"auth\"");
        client.onAccepted(CredentialsHeader.AUTHORIZATION, Optional.empty(), NO_BODY);
        client.preemptive("REGISTER", REGISTRAR_URI, NO_BODY);
        client.onAccepted(CredentialsHeader.AUTHORIZATION, Optional.empty(), NO_BODY);
        AuthValue third = client.preemptive("REGISTER", REGISTRAR_URI, NO_BODY).get(0).values().get(0);
        assertThat(third.param("nc")).contains("00000003");

        AuthValue rotated = onlyValue(register(client, 401,
                "Digest realm=\"example.com\", nonce=\"N2-bbbb\", qop=\"auth\""));

        assertThat(rotated.param("nonce")).contains("N2-bbbb");
        assertThat(rotated.param("nc")).contains("00000001");
        assertThat(rotated.param("cnonce")).contains("9e8d7c6b");
        assertThat(rotated.param("response")).contains("c2ff203f8c07896f3e440cda6193fa66");
    }

    @Test
    void retriesSilentlyOnUpperCaseStale() {
        DigestClient client = client("0badc0de", "4b1d3e9f");
        register(client, 401, "Digest realm=\"example.com\", nonce=\"old-nonce\", qop=\"auth\"");

        AuthValue retry = onlyValue(register(client, 401,
                "Digest realm=\"example.com\", nonce=\"7b522acb\", qop=\"auth\", stale=TRUE"));

        assertThat(retry.param("nonce")).contains("7b522acb");
        assertThat(retry.param("nc")).contains("00000001");
        assertThat(retry.param("response")).contains("4cc60bcdc102c0530e204f4430218da4");
    }

    @Test
    void answersOnlyStrongestOfTwoChallenges() {
        AuthDecision decision = register(client("4b1d3e9f"), 401,
                "Digest realm=\"example.com\", nonce=\"nonceSHA-0001\", algorithm=SHA-256, qop=\"auth\"",
                "Digest realm=\"example.com\", nonce=\"nonceMD5-0002\", algorithm=MD5, qop=\"auth\"");

        AuthValue value = onlyValue(decision);
        assertThat(value.param("algorithm")).contains("SHA-256");
        assertThat(value.param("response"))
                .contains("ecafd0200e5afc52710e1bcba0e01dccdaebd8a8cdd3f7ccb135ff93629a2378");
    }

    @Test
    void ignoresUnknownAlgorithmOnTop() {
        AuthDecision decision = register(client("4b1d3e9f"), 401,
                "Digest realm=\"example.com\", nonce=\"nonceSHA3-0000\", algorithm=SHA3-512, qop=\"auth\"",
                "Digest realm=\"example.com\", nonce=\"nonceSHA-0001\", algorithm=SHA-256, qop=\"auth\"",
                "Digest realm=\"example.com\", nonce=\"nonceMD5-0002\", algorithm=MD5, qop=\"auth\"");

        AuthValue value = onlyValue(decision);
        assertThat(value.param("algorithm")).contains("SHA-256");
        assertThat(value.param("response"))
                .contains("ecafd0200e5afc52710e1bcba0e01dccdaebd8a8cdd3f7ccb135ff93629a2378");
    }

    private static AuthDecision invite407(String algorithm, String extra) {
        return client("4b1d3e9f").authenticate(new Challenged(407, parseAll("Digest realm=\"example.com\", "
                + "nonce=\"kbd95AAAAABgoQflAABk\", opaque=\"+GNywA==\", algorithm=" + algorithm + ", qop=\"auth\""
                + extra), "INVITE", "sip:bob@example.com", NO_BODY));
    }

    @Test
    void answersProxyChallengeWithOpaqueEchoed() {
        AuthDecision decision = invite407("SHA-256", "");

        assertThat(headerOf(decision)).isEqualTo(CredentialsHeader.PROXY_AUTHORIZATION);
        AuthValue value = onlyValue(decision);
        assertThat(value.param("opaque")).contains("+GNywA==");
        assertThat(value.param("response"))
                .contains("688084ad6c6fe7fa078db56720797320bda9549f7ce1f0a038998de0f60d4907");
    }

    @Test
    void answersProxyChallengeWithSha512256() {
        AuthValue value = onlyValue(invite407("SHA-512-256", ""));

        assertThat(value.param("algorithm")).contains("SHA-512-256");
        assertThat(value.param("response"))
                .contains("e4d52f1d59c7a7bd2f2a9f4b8c13c4abc474475a733a3bbfbde6d3de5d340998");
    }

    @Test
    void sendsHashedUsernameForUserhash() {
        AuthValue value = onlyValue(invite407("SHA-256", ", userhash=true"));

        assertThat(value.param("username"))
                .contains("182821e63518db2dd774c82f8142291d0376025311d4a5988d61e5a5dfafbbde");
        assertThat(value.param("userhash")).contains("true");
        assertThat(value.param("response"))
                .contains("688084ad6c6fe7fa078db56720797320bda9549f7ce1f0a038998de0f60d4907");
    }

    @Test
    void hashesWholeRequestUriWithPortAndParameters() {
        String requestUri = "sip:+15550100@sbc.example.com:6060;transport=udp";
        AuthValue value = onlyValue(client("4b1d3e9f").authenticate(new Challenged(401,
                parseAll("Digest realm=\"example\", nonce=\"d41e7a90\", opaque=\"x1\", qop=\"auth\""),
                "INVITE", requestUri, NO_BODY)));

        assertThat(value.param("uri")).contains(requestUri);
        assertThat(value.param("opaque")).contains("x1");
        assertThat(value.param("response")).contains("c8cad8241c51185df803af4d0d9bab1a");
    }

    @Test
    void answersRegister407WithProxyAuthorization() {
        AuthDecision decision = client("4b1d3e9f").authenticate(new Challenged(407,
                parseAll("Digest realm=\"sip.example.com\",qop=\"auth\",nonce=\"a9f0c3e5\",opaque=\"op-77\""),
                "REGISTER", "sip:pbx.sip.example.com", NO_BODY));

        assertThat(headerOf(decision)).isEqualTo(CredentialsHeader.PROXY_AUTHORIZATION);
        AuthValue value = onlyValue(decision);
        assertThat(value.param("uri")).contains("sip:pbx.sip.example.com");
        assertThat(value.param("opaque")).contains("op-77");
        assertThat(value.param("response")).contains("3d8aba2b0b51e13ff4c021abaab11642");
    }

    @Test
    void givesUpOnBearerOnlyChallenge() {
        AuthDecision decision = register(client(), 401, "Bearer realm=\"example.com\"");

        AuthDecision.GiveUp giveUp = giveUpOf(decision);
        assertThat(giveUp.reason()).isEqualTo(AuthDecision.Reason.NO_USABLE_CHALLENGE);
        assertThat(giveUp.message()).contains("Bearer realm=\"example.com\"");
    }

    /** A digest server with a fixed clock and the alice account. */
    static final class ServerHarness {
        final DigestServer server;

        ServerHarness(ServerConfig config) {
            Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
            InMemoryCredentialStore store = new InMemoryCredentialStore().add("alice", config.realm(), "correct-horse-7");
            server = new DigestServer(config, store,
                    new NonceIssuer(new byte[32], clock, new SecureRandom(), Duration.ofMinutes(5)),
                    new NonceCountTracker(1000));
        }

        Challenged challenged(int status, String method, String uri) {
            return new Challenged(status, server.challenges(false), method, uri, NO_BODY);
        }

        Verification verify(AuthValue value, String method, String uri) {
            return server.verify(value, method, uri, NO_BODY);
        }
    }
}
