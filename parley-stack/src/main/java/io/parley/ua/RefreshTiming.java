package io.parley.ua;

import java.time.Duration;

/**
 * When to refresh a binding the registrar granted for a number of seconds. RFC 3261 section 10.2.1
 * leaves the choice to the client. Parley refreshes half-way through short registrations and 10
 * minutes ahead of long ones, so a refresh that is lost or challenged still has time to be
 * retried before the binding lapses.
 */
final class RefreshTiming {

    /** From this granted expiry on, refresh a fixed {@link #LONG_MARGIN_SECONDS} ahead. */
    static final long LONG_EXPIRY_SECONDS = 1200;
    static final long LONG_MARGIN_SECONDS = 600;

    private RefreshTiming() {
    }

    /** Returns the delay from the 200 to the refresh of a binding granted for {@code expiresSeconds}. */
    static Duration refreshDelay(long expiresSeconds) {
        if (expiresSeconds >= LONG_EXPIRY_SECONDS) {
            return Duration.ofSeconds(expiresSeconds - LONG_MARGIN_SECONDS);
        }
        return Duration.ofMillis(expiresSeconds * 500);
    }
}
