package io.parley.registrar;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Counts the requests each nonce has authenticated, so the registrar can rotate a nonce after a
 * number of uses by sending a new challenge without stale, as some registrars in the wild do.
 * Safe to share between threads.
 */
final class NonceRotation {

    /** Bounds the memory; a nonce dropped from the table starts counting again from zero. */
    static final int MAX_TRACKED_NONCES = 100_000;

    private final int maxUses;
    private final Map<String, Integer> usesByNonce = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_TRACKED_NONCES;
        }
    };

    /** Creates a counter that rotates after {@code maxUses} uses; 0 never rotates. */
    NonceRotation(int maxUses) {
        this.maxUses = maxUses;
    }

    /** Counts one accepted use of {@code nonce} and returns whether it went over the limit. */
    synchronized boolean useAndCheckExhausted(String nonce) {
        if (maxUses == 0) {
            return false;
        }
        int uses = usesByNonce.merge(nonce, 1, Integer::sum);
        if (uses > maxUses) {
            usesByNonce.remove(nonce);
            return true;
        }
        return false;
    }
}
