package io.parley.auth;

import static io.parley.auth.DigestTestSupport.NO_BODY;
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
import org.junit.jupiter.api.Test;

/** Passwords, HA1 and responses stay out of toString() and rejection details. */
class SecretHidingTest {

    private static final String PASSWORD = "correct-horse-7";
    private static final String URI = "sip:bob@example.com";

    @Test
    void keepsSecretsOutOfToStringAndDetails() {
        ServerConfig config = new ServerConfig("example.com", List.of(DigestAlgorithm.SHA_256), Set.of(Qop.AUTH),
                ServerConfig.Policy.STRICT, Optional.empty(), false, true);
        InMemoryCredentialStore store = new InMemoryCredentialStore().add("alice", "example.com", PASSWORD);
        DigestServer server = new DigestServer(config, store, new NonceIssuer(
                "0123456789abcdef".getBytes(StandardCharsets.US_ASCII), new MutableClock(Instant.EPOCH.plusSeconds(60)),
                new SecureRandom(), Duration.ofMinutes(5)), new NonceCountTracker(10));
        DigestCredentials credentials = new DigestCredentials("alice", PASSWORD);
        DigestClient client = new DigestClient(CredentialsProvider.forAnyRealm(credentials), ClientPolicy.DEFAULT,
                new SecureRandom());
        AuthDecision decision = client.authenticate(new Challenged(401, server.challenges(false), "INVITE", URI, NO_BODY));
        AuthValue answer = onlyValue(decision);
        String response = answer.param("response").orElseThrow();
        DigestChallenge challenge = DigestChallenge.from(server.challenges(false).get(0)).orElseThrow();
        DigestAnswer built = DigestAnswer.build(challenge, credentials, Optional.of(Qop.AUTH), "c1", 1, "INVITE", URI,
                NO_BODY);

        List<String> texts = new ArrayList<>();
        texts.add(decision.toString());
        texts.add(answer.toString());
        texts.add(built.toString());
        texts.add(built.calculation().toString());
        texts.add(credentials.toString());
        texts.add(store.toString());
        texts.add(ReceivedCredentials.from(answer).toString());
        texts.add(server.verify(answer, "INVITE", URI, NO_BODY).toString());
        texts.add(server.verify(answer, "INVITE", URI, NO_BODY).toString());
        texts.add(server.verify(answer, "REGISTER", URI, NO_BODY).toString());

        List<String> secrets = new ArrayList<>(List.of(PASSWORD, response, built.calculation().response()));
        for (DigestAlgorithm algorithm : List.of(DigestAlgorithm.MD5, DigestAlgorithm.SHA_256,
                DigestAlgorithm.SHA_512_256)) {
            secrets.add(credentials.baseHa1(algorithm, "example.com"));
        }
        for (String text : texts) {
            for (String secret : secrets) {
                assertThat(text).as("text %s", text).doesNotContain(secret);
            }
        }
    }
}
