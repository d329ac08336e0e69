package io.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Self-verifying nonces and the nc replay window. */
class NonceTest {

    private static final byte[] SECRET = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");

    private final MutableClock clock = new MutableClock(START);
    private final NonceIssuer issuer = new NonceIssuer(SECRET, clock, new SecureRandom(), Duration.ofMinutes(5));

    @Test
    void acceptsOwnNonceWithinLifetime() {
        String nonce = issuer.issue();
        clock.advance(Duration.ofMinutes(5));

        assertThat(issuer.check(nonce)).isEqualTo(new NonceIssuer.NonceCheck(NonceIssuer.NonceCheck.Status.VALID, START));
    }

    @Test
    void marksOwnNonceStaleAfterLifetime() {
        String nonce = issuer.issue();
        clock.advance(Duration.ofMinutes(5).plusMillis(1));

        assertThat(issuer.check(nonce).status()).isEqualTo(NonceIssuer.NonceCheck.Status.STALE);
    }

    @Test
    void rejectsNonceOfOtherSecret() {
        NonceIssuer other = new NonceIssuer("fedcba9876543210".getBytes(StandardCharsets.US_ASCII), clock,
                new SecureRandom(), Duration.ofMinutes(5));

        assertThat(issuer.check(other.issue()).status()).isEqualTo(NonceIssuer.NonceCheck.Status.UNKNOWN);
    }

    @Test
    void rejectsGarbageNonce() {
        assertThat(issuer.check("not base64 !").status()).isEqualTo(NonceIssuer.NonceCheck.Status.UNKNOWN);
        assertThat(issuer.check("AAAA").status()).isEqualTo(NonceIssuer.NonceCheck.Status.UNKNOWN);
    }

    @Test
    void issuesNoncesWithoutSeparators() {
        String nonce = issuer.issue();

        assertThat(nonce).matches("[A-Za-z0-9_-]+");
        assertThat(issuer.issue()).isNotEqualTo(nonce);
    }

    @Test
    void rejectsShortSecret() {
        assertThatThrownBy(() -> new NonceIssuer(new byte[8], clock, new SecureRandom(), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("8 bytes");
    }

    @Test
    void acceptsEachNcOnceInAnyOrder() {
        NonceCountTracker tracker = new NonceCountTracker(10);

        assertThat(tracker.record("n", START, 3)).isEqualTo(NonceCountTracker.Outcome.ACCEPTED);
        assertThat(tracker.record("n", START, 1)).isEqualTo(NonceCountTracker.Outcome.ACCEPTED);
        assertThat(tracker.record("n", START, 2)).isEqualTo(NonceCountTracker.Outcome.ACCEPTED);
        assertThat(tracker.record("n", START, 3)).isEqualTo(NonceCountTracker.Outcome.REPLAYED);
        assertThat(tracker.record("n", START, 1)).isEqualTo(NonceCountTracker.Outcome.REPLAYED);
    }

    @Test
    void refusesNcBelowWindow() {
        NonceCountTracker tracker = new NonceCountTracker(10);
        tracker.record("n", START, 100);

        assertThat(tracker.record("n", START, 36)).isEqualTo(NonceCountTracker.Outcome.REPLAYED);
        assertThat(tracker.record("n", START, 37)).isEqualTo(NonceCountTracker.Outcome.ACCEPTED);
    }

    @Test
    void reportsDroppedNonceAsForgotten() {
        NonceCountTracker tracker = new NonceCountTracker(2);
        tracker.record("a", START, 1);
        tracker.record("b", START.plusSeconds(1), 1);
        tracker.record("c", START.plusSeconds(2), 1);

        assertThat(tracker.record("a", START, 2)).isEqualTo(NonceCountTracker.Outcome.FORGOTTEN);
        assertThat(tracker.record("d", START.plusSeconds(3), 1)).isEqualTo(NonceCountTracker.Outcome.ACCEPTED);
    }
}
