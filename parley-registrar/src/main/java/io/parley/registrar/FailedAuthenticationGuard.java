package io.parley.registrar;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slows password guessing. A window opens at the first failed authentication from a source address.
 * Once that address reaches the failure limit inside the window, it is blocked until the window ends.
 * The block is logged once, when it starts. Safe to share between threads.
 */
final class FailedAuthenticationGuard {

    private static final Logger LOG = LoggerFactory.getLogger(FailedAuthenticationGuard.class);

    /** Bounds the memory an attacker can fill by sending from many addresses; the oldest windows go first. */
    static final int MAX_TRACKED_ADDRESSES = 100_000;

    private final RegistrarConfig.GuessingLimit limit;
    private final Map<String, Window> windows = new LinkedHashMap<>();

    FailedAuthenticationGuard(RegistrarConfig.GuessingLimit limit) {
        this.limit = Objects.requireNonNull(limit, "limit");
    }

    private static final class Window {
        final Instant end;
        int failures;

        Window(Instant end) {
            this.end = end;
        }
    }

    /** Returns the end of the block of {@code address} when it is blocked at {@code now}. */
    synchronized Optional<Instant> blockedUntil(String address, Instant now) {
        Window window = windows.get(address);
        if (window == null || !now.isBefore(window.end) || window.failures < limit.maxFailures()) {
            return Optional.empty();
        }
        return Optional.of(window.end);
    }

    /** Counts one failed authentication from {@code address} at {@code now}. */
    synchronized void recordFailure(String address, Instant now) {
        Window window = windows.get(address);
        if (window == null || !now.isBefore(window.end)) {
            dropEndedWindows(now);
            window = new Window(now.plus(limit.window()));
            windows.remove(address);
            windows.put(address, window);
        }
        window.failures++;
        if (window.failures == limit.maxFailures()) {
            LOG.warn("blocking source {} until {}: {} failed authentications within {} s",
                    address, window.end, window.failures, limit.window().toSeconds());
        }
    }

    /** Removes windows that have ended, and the oldest ones beyond {@link #MAX_TRACKED_ADDRESSES}. */
    private void dropEndedWindows(Instant now) {
        Iterator<Window> iterator = windows.values().iterator();
        while (iterator.hasNext()) {
            Window window = iterator.next();
            // Windows are kept in the order they opened, so the first live one ends the scan.
            if (now.isBefore(window.end) && windows.size() < MAX_TRACKED_ADDRESSES) {
                return;
            }
            iterator.remove();
        }
    }
}
