package io.parley.auth;

import static io.parley.auth.DigestTestSupport.NO_BODY;
import static io.parley.auth.DigestTestSupport.cnonces;
import static io.parley.auth.DigestTestSupport.giveUpOf;
import static io.parley.auth.DigestTestSupport.onlyValue;
import static io.parley.auth.DigestTestSupport.parseAll;
import static io.parley.auth.DigestTestSupport.parseInfo;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.AuthValue;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Challenge choice, retry rules, policy and Authentication-Info on the client side. */
class DigestClientTest {

    private static final String URI = "sip:example.com";
    private static final String CHALLENGE = "Digest realm=\"example.com\", nonce=\"%s\", qop=\"auth\"";

    private static DigestClient client(ClientPolicy policy) {
        return new DigestClient(CredentialsProvider.forAnyRealm(new DigestCredentials("alice", "correct-horse-7")),
                policy, new SecureRandom());
    }

    private static DigestClient client() {
        return client(ClientPolicy.DEFAULT);
    }

    private static AuthDecision challenge(DigestClient client, int status, String... values) {
        return client.authenticate(new Challenged(status, parseAll(values), "REGISTER", URI, NO_BODY));
    }

    private static AuthDecision nonce(DigestClient client, String nonce) {
        return challenge(client, 401, CHALLENGE.formatted(nonce));
    }

    @Test
    void givesUpOn401WithoutChallenge() {
        AuthDecision.GiveUp giveUp = giveUpOf(client().authenticate(
                new Challenged(401, List.of(), "REGISTER", URI, NO_BODY)));

        assertThat(giveUp.reason()).isEqualTo(AuthDecision.Reason.NO_CHALLENGE);
        assertThat(giveUp.message()).contains("WWW-Authenticate");
    }

    @Test
    void givesUpOn407WithoutChallenge() {
        AuthDecision.GiveUp giveUp = giveUpOf(client().authenticate(
                new Challenged(407, List.of(), "INVITE", URI, NO_BODY)));

        assertThat(giveUp.reason()).isEqualTo(AuthDecision.Reason.NO_CHALLENGE);
        assertThat(giveUp.message()).contains("Proxy-Authenticate");
    }

    @Test
    void listsEveryOfferWhenNothingIsUsable() {
        AuthDecision.GiveUp giveUp = giveUpOf(challenge(client(), 401, "Basic realm=\"a\"",
                "Digest realm=\"b\", nonce=\"1\", algorithm=SHA3-512", "AKAv1-MD5 realm=\"c\", nonce=\"2\""));

        assertThat(giveUp.reason()).isEqualTo(AuthDecision.Reason.NO_USABLE_CHALLENGE);
        assertThat(giveUp.message()).contains("Basic realm=\"a\"", "Digest algorithm=SHA3-512 realm=\"b\"",
                "AKAv1-MD5 realm=\"c\"");
    }

    @Test
    void acceptsSchemeAndAlgorithmInAnyCase() {
        AuthValue value = onlyValue(challenge(client(), 401,
                "dIgEsT realm=\"example.com\", nonce=\"1\", algorithm=sha-256, qop=\"auth\""));

        assertThat(value.param("algorithm")).contains("SHA-256");
        assertThat(value.param("response")).isPresent().get().asString().hasSize(64);
    }

    @Test
    void answersOneHeaderPerRealm() {
        AuthDecision.Send send = (AuthDecision.Send) challenge(client(), 407,
                "Digest realm=\"a.example.com\", nonce=\"1\", qop=\"auth\"",
                "Digest realm=\"b.example.com\", nonce=\"2\", algorithm=SHA-256, qop=\"auth\"",
                "Digest realm=\"b.example.com\", nonce=\"3\", algorithm=MD5, qop=\"auth\"");

        assertThat(send.values()).extracting(v -> v.param("realm").orElseThrow())
                .containsExactly("a.example.com", "b.example.com");
        assertThat(send.values().get(1).param("algorithm")).contains("SHA-256");
    }

    @Test
    void usesAuthIntWhenOnlyOption() {
        byte[] body = "v=0\r\n".getBytes(StandardCharsets.US_ASCII);
        AuthValue value = onlyValue(client().authenticate(new Challenged(401,
                parseAll("Digest realm=\"example.com\", nonce=\"1\", qop=\"auth-int\""), "INVITE", URI, body)));

        assertThat(value.param("qop")).contains("auth-int");
    }

    @Test
    void usesAuthIntWhenConfigured() {
        AuthValue value = onlyValue(challenge(client(new ClientPolicy(false, false, true, 2)), 401,
                "Digest realm=\"example.com\", nonce=\"1\", qop=\"auth,auth-int\""));

        assertThat(value.param("qop")).contains("auth-int");
    }

    @Test
    void skipsChallengeOfferingOnlyUnknownQop() {
        AuthDecision.GiveUp giveUp = giveUpOf(challenge(client(), 401,
                "Digest realm=\"example.com\", nonce=\"1\", qop=\"auth-conf\""));

        assertThat(giveUp.reason()).isEqualTo(AuthDecision.Reason.NO_USABLE_CHALLENGE);
    }

    @Test
    void policyRefusesMd5() {
        AuthDecision.GiveUp giveUp = giveUpOf(challenge(client(new ClientPolicy(true, false, false, 2)), 401,
                CHALLENGE.formatted("1")));

        assertThat(giveUp.reason()).isEqualTo(AuthDecision.Reason.NO_USABLE_CHALLENGE);
        assertThat(giveUp.message()).contains("refuses MD5");
    }

    @Test
    void policyRefusesAnswerWithoutQop() {
        AuthDecision.GiveUp giveUp = giveUpOf(challenge(client(new ClientPolicy(false, true, false, 2)), 401,
                "Digest realm=\"example.com\", nonce=\"1\""));

        assertThat(giveUp.reason()).isEqualTo(AuthDecision.Reason.NO_USABLE_CHALLENGE);
        assertThat(giveUp.message()).contains("requires qop");
    }

    @Test
    void policyRefusingMd5StillAnswersSha256() {
        AuthValue value = onlyValue(challenge(client(new ClientPolicy(true, false, false, 2)), 401,
                "Digest realm=\"example.com\", nonce=\"1\", algorithm=MD5, qop=\"auth\"",
                "Digest realm=\"example.com\", nonce=\"2\", algorithm=SHA-256, qop=\"auth\""));

        assertThat(value.param("algorithm")).contains("SHA-256");
    }

    @Test
    void failsWhenSameNonceIsRejectedAgain() {
        DigestClient client = client();
        nonce(client, "n1");

        AuthDecision.GiveUp giveUp = giveUpOf(nonce(client, "n1"));

        assertThat(giveUp.reason()).isEqualTo(AuthDecision.Reason.CREDENTIALS_REJECTED);
        assertThat(giveUp.message()).contains("\"alice\"", "\"example.com\"").doesNotContain("correct-horse-7");
    }

    @Test
    void failsOnNewNonceBeforeAcceptance() {
        DigestClient client = client();
        nonce(client, "n1");

        assertThat(giveUpOf(nonce(client, "n2")).reason()).isEqualTo(AuthDecision.Reason.CREDENTIALS_REJECTED);
    }

    @Test
    void startsOverAfterGivingUp() {
        DigestClient client = client();
        nonce(client, "n1");
        giveUpOf(nonce(client, "n1"));

        assertThat(nonce(client, "n2")).isInstanceOf(AuthDecision.Send.class);
    }

    @Test
    void retriesRotatedNonceOnlyOnce() {
        DigestClient client = client();
        nonce(client, "n1");
        client.onAccepted(CredentialsHeader.AUTHORIZATION, Optional.empty(), NO_BODY);

        assertThat(nonce(client, "n2")).isInstanceOf(AuthDecision.Send.class);
        assertThat(giveUpOf(nonce(client, "n3")).reason()).isEqualTo(AuthDecision.Reason.CREDENTIALS_REJECTED);
    }

    @Test
    void capsStaleRetries() {
        DigestClient client = client();
        nonce(client, "n1");
        String stale = "Digest realm=\"example.com\", nonce=\"%s\", qop=\"auth\", stale=true";

        assertThat(challenge(client, 401, stale.formatted("n2"))).isInstanceOf(AuthDecision.Send.class);
        assertThat(challenge(client, 401, stale.formatted("n3"))).isInstanceOf(AuthDecision.Send.class);
        AuthDecision.GiveUp giveUp = giveUpOf(challenge(client, 401, stale.formatted("n4")));

        assertThat(giveUp.reason()).isEqualTo(AuthDecision.Reason.STALE_LIMIT);
    }

    @Test
    void acceptanceResetsStaleCount() {
        DigestClient client = new DigestClient(
                CredentialsProvider.forAnyRealm(new DigestCredentials("alice", "correct-horse-7")),
                new ClientPolicy(false, false, false, 1), new SecureRandom());
        String stale = "Digest realm=\"example.com\", nonce=\"%s\", qop=\"auth\", stale=true";
        nonce(client, "n1");
        challenge(client, 401, stale.formatted("n2"));
        client.onAccepted(CredentialsHeader.AUTHORIZATION, Optional.empty(), NO_BODY);

        assertThat(challenge(client, 401, stale.formatted("n3"))).isInstanceOf(AuthDecision.Send.class);
    }

    @Test
    void givesUpWithoutCredentialsForRealm() {
        DigestClient client = new DigestClient(realm -> Optional.empty(), ClientPolicy.DEFAULT, new SecureRandom());

        AuthDecision.GiveUp giveUp = giveUpOf(nonce(client, "n1"));

        assertThat(giveUp.reason()).isEqualTo(AuthDecision.Reason.NO_CREDENTIALS);
        assertThat(giveUp.message()).contains("example.com");
    }

    @Test
    void sendsNothingPreemptivelyBeforeAcceptance() {
        DigestClient client = client();
        nonce(client, "n1");

        assertThat(client.preemptive("INVITE", "sip:bob@example.com", NO_BODY)).isEmpty();
    }

    @Test
    void preemptiveCredentialsUseRequestUriAndNextNc() {
        DigestClient client = client();
        nonce(client, "n1");
        client.onAccepted(CredentialsHeader.AUTHORIZATION, Optional.empty(), NO_BODY);

        List<AuthDecision.Send> sends = client.preemptive("INVITE", "sip:bob@example.com", NO_BODY);

        assertThat(sends).hasSize(1);
        AuthValue value = sends.get(0).values().get(0);
        assertThat(value.param("uri")).contains("sip:bob@example.com");
        assertThat(value.param("nc")).contains("00000002");
    }

    @Test
    void usesNextnonceForNextRequest() {
        DigestClient client = new DigestClient(
                CredentialsProvider.forAnyRealm(new DigestCredentials("alice", "correct-horse-7")),
                ClientPolicy.DEFAULT, cnonces("c1", "c2"));
        nonce(client, "n1");

        client.onAccepted(CredentialsHeader.AUTHORIZATION, Optional.of(parseInfo("nextnonce=\"n2\"")), NO_BODY);
        AuthValue next = client.preemptive("REGISTER", URI, NO_BODY).get(0).values().get(0);

        assertThat(next.param("nonce")).contains("n2");
        assertThat(next.param("nc")).contains("00000001");
        assertThat(next.param("cnonce")).contains("c2");
    }

    @Test
    void failsLoudlyOnWrongRspauth() {
        DigestClient client = client();
        nonce(client, "n1");

        Optional<AuthDecision.GiveUp> failure = client.onAccepted(CredentialsHeader.AUTHORIZATION,
                Optional.of(parseInfo("qop=auth, rspauth=\"00000000000000000000000000000000\"")), NO_BODY);

        assertThat(failure).isPresent();
        assertThat(failure.get().reason()).isEqualTo(AuthDecision.Reason.RSPAUTH_MISMATCH);
    }

    @Test
    void acceptsRightRspauth() {
        DigestClient client = new DigestClient(
                CredentialsProvider.forAnyRealm(new DigestCredentials("alice", "correct-horse-7")),
                ClientPolicy.DEFAULT, cnonces("4b1d3e9f"));
        nonce(client, "12345678");
        DigestChallenge challenge = DigestChallenge.from(parseAll(CHALLENGE.formatted("12345678")).get(0)).orElseThrow();
        DigestInput input = new DigestInput(DigestAlgorithm.MD5, "12345678", "", URI, Optional.of(Qop.AUTH),
                "4b1d3e9f", "00000001", NO_BODY);
        String rspauth = DigestMath.calculate(input,
                new DigestCredentials("alice", "correct-horse-7").baseHa1(challenge.algorithm(), "example.com"))
                .response();

        Optional<AuthDecision.GiveUp> failure = client.onAccepted(CredentialsHeader.AUTHORIZATION,
                Optional.of(parseInfo("qop=auth, rspauth=\"" + rspauth + "\", cnonce=\"4b1d3e9f\", nc=00000001")),
                NO_BODY);

        assertThat(failure).isEmpty();
    }

    @Test
    void escapesQuotedPairsAgainOnOutput() {
        AuthValue value = onlyValue(challenge(client(), 401,
                "Digest realm=\"ex\\\"ample\", nonce=\"a\\\\b\", qop=\"auth\""));

        assertThat(value.param("realm")).contains("ex\"ample");
        assertThat(value.param("nonce")).contains("a\\b");
        assertThat(value.format()).contains("realm=\"ex\\\"ample\"", "nonce=\"a\\\\b\"");
    }

    @Test
    void hashesUnescapedRealmAndNonce() {
        DigestClient client = new DigestClient(
                CredentialsProvider.forAnyRealm(new DigestCredentials("alice", "correct-horse-7")),
                ClientPolicy.DEFAULT, cnonces("4b1d3e9f"));
        AuthValue value = onlyValue(challenge(client, 401, "Digest realm=\"ex\\\"ample\", nonce=\"a\\\\b\", qop=\"auth\""));

        String ha1 = DigestAlgorithm.MD5.hashHex("alice:ex\"ample:correct-horse-7");
        String ha2 = DigestAlgorithm.MD5.hashHex("REGISTER:" + URI);
        String expected = DigestAlgorithm.MD5.hashHex(ha1 + ":a\\b:00000001:4b1d3e9f:auth:" + ha2);
        assertThat(value.param("response")).contains(expected);
    }

    @Test
    void hashesNonAsciiUsernameAsUtf8() {
        DigestClient client = new DigestClient(
                CredentialsProvider.forAnyRealm(new DigestCredentials("Jäsøn Doe", "Secret, or not?")),
                ClientPolicy.DEFAULT, cnonces("4b1d3e9f"));
        AuthValue value = onlyValue(challenge(client, 401,
                "Digest realm=\"api@example.org\", nonce=\"1\", qop=\"auth\", charset=UTF-8"));

        String ha1 = DigestAlgorithm.MD5.hashHex("Jäsøn Doe:api@example.org:Secret, or not?".getBytes(StandardCharsets.UTF_8));
        String ha2 = DigestAlgorithm.MD5.hashHex("REGISTER:" + URI);
        assertThat(value.param("username")).contains("Jäsøn Doe");
        assertThat(value.param("response"))
                .contains(DigestAlgorithm.MD5.hashHex(ha1 + ":1:00000001:4b1d3e9f:auth:" + ha2));
    }

    @Test
    void hidesPasswordInToString() {
        assertThat(new DigestCredentials("alice", "correct-horse-7").toString())
                .contains("alice").doesNotContain("correct-horse-7");
    }

    @Test
    void masksResponseInAnswerToString() {
        DigestAnswer answer = DigestAnswer.build(
                DigestChallenge.from(parseAll(CHALLENGE.formatted("1")).get(0)).orElseThrow(),
                new DigestCredentials("alice", "correct-horse-7"), Optional.of(Qop.AUTH), "c", 1, "REGISTER", URI,
                NO_BODY);

        assertThat(answer.toString()).doesNotContain(answer.calculation().response())
                .doesNotContain(answer.calculation().ha1());
        assertThat(answer.calculation().toString()).doesNotContain(answer.calculation().ha1());
    }

    @Test
    void sendsCnonceFreeOfSeparators() {
        AuthValue value = onlyValue(nonce(client(), "1"));

        assertThat(value.param("cnonce")).isPresent().get().asString().matches("[0-9a-f]{32}");
    }
}
