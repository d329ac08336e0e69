package io.parley.ua;

import java.time.Duration;
import java.util.Objects;

/**
 * Capped exponential backoff between registration attempts after timeouts, network errors and 503
 * responses without Retry-After. After the n-th failure in a row the wait is
 * {@code min(maximum, initial * 2^(n-1))}, scaled by a random factor between 0.5 and 1 so that
 * many clients cut off together do not return together.
 *
 * @param initial the wait after the first failure, before scaling
 * @param maximum the cap on the wait, before scaling
 */
public record Backoff(Duration initial, Duration maximum) {

    /**
     * 2 s after the first failure, doubling up to 5 minutes: quick recovery from a lost datagram,
     * and at most one REGISTER every few minutes against a registrar that stays down.
     */
    public static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(2), Duration.ofMinutes(5));

    public Backoff {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(maximum, "maximum");
        if (initial.isNegative() || initial.isZero()) {
            throw new IllegalArgumentException("initial backoff " + initial + " must be positive");
        }
        if (maximum.compareTo(initial) < 0) {
            throw new IllegalArgumentException("maximum backoff " + maximum + " is below the initial " + initial);
        }
    }

    /**
     * Returns the wait after {@code failures} failures in a row.
     *
     * @param failures 1 for the first failure
     * @param randomFraction a value in [0, 1) that picks the scaling factor between 0.5 and 1
     */
    public Duration delay(int failures, double randomFraction) {
        if (failures < 1) {
            throw new IllegalArgumentException("failures is " + failures + "; expected 1 or more");
        }
        if (randomFraction < 0 || randomFraction >= 1) {
            throw new IllegalArgumentException("randomFraction " + randomFraction + " is outside [0, 1)");
        }
        Duration unscaled = maximum;
        int doublings = failures - 1;
        if (doublings < 62 && initial.toMillis() <= maximum.toMillis() >> doublings) {
            unscaled = initial.multipliedBy(1L << doublings);
        }
        long millis = Math.round(unscaled.toMillis() * (0.5 + randomFraction / 2));
        return Duration.ofMillis(millis);
    }
}
