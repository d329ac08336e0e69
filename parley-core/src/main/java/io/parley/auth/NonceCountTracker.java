package io.parley.auth;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers which nc values each nonce has used, so each is accepted at most once (RFC 7616
 * section 3.4.5), in bounded memory.
 *
 * <p>Per nonce it keeps the highest nc and a 64-bit window below it, as IPsec does against replay
 * (RFC 4303 section 3.4.3). An nc more than 64 below the highest is refused as a replay. At most
 * {@code maxNonces} nonces are tracked; the least recently used is dropped first. A genuine nonce
 * that is not tracked and was issued no later than a dropped one is reported as forgotten, and the
 * server answers it as stale, so a dropped nonce can never be replayed.
 */
public final class NonceCountTracker {

    private static final int WINDOW = 64;

    private final Map<String, Window> windows;
    private Instant forgottenUpTo = Instant.MIN;

    /** Creates a tracker for up to {@code maxNonces} nonces. */
    public NonceCountTracker(int maxNonces) {
        if (maxNonces < 1) {
            throw new IllegalArgumentException("maxNonces is " + maxNonces + "; expected 1 or more");
        }
        this.windows = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Window> eldest) {
                if (size() <= maxNonces) {
                    return false;
                }
                if (eldest.getValue().issuedAt.isAfter(forgottenUpTo)) {
                    forgottenUpTo = eldest.getValue().issuedAt;
                }
                return true;
            }
        };
    }

    /** Outcomes of {@link #record}. */
    public enum Outcome {
        /** First use of this nc with this nonce; it is now recorded. */
        ACCEPTED,
        /** This nc was already used with this nonce, or is too far below the highest one. */
        REPLAYED,
        /** The nonce may have been dropped from memory; the caller treats it as stale. */
        FORGOTTEN
    }

    /** Records one use of {@code nonceCount} with {@code nonce}, issued at {@code issuedAt}. */
    public synchronized Outcome record(String nonce, Instant issuedAt, long nonceCount) {
        Window window = windows.get(nonce);
        if (window == null) {
            if (!issuedAt.isAfter(forgottenUpTo)) {
                return Outcome.FORGOTTEN;
            }
            window = new Window(issuedAt);
            windows.put(nonce, window);
        }
        return window.record(nonceCount) ? Outcome.ACCEPTED : Outcome.REPLAYED;
    }

    /** The nc values seen for one nonce. Bit i of {@code seen} is nc {@code highest - i}. */
    private static final class Window {
        final Instant issuedAt;
        long highest;
        long seen;

        Window(Instant issuedAt) {
            this.issuedAt = issuedAt;
        }

        boolean record(long nonceCount) {
            if (nonceCount > highest) {
                long shift = nonceCount - highest;
                seen = shift >= WINDOW ? 0 : seen << shift;
                seen |= 1;
                highest = nonceCount;
                return true;
            }
            long offset = highest - nonceCount;
            if (offset >= WINDOW || (seen & (1L << offset)) != 0) {
                return false;
            }
            seen |= 1L << offset;
            return true;
        }
    }
}
