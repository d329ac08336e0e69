package io.parley.transport;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Lets one warning through per interval and counts the rest, so a peer that floods a listener with
 * bad input cannot flood the log.
 */
final class WarningLimiter {

    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    WarningLimiter(long interval, TimeUnit unit) {
        this.intervalNanos = unit.toNanos(interval);
    }

    /**
     * Returns -1 when this warning must be dropped, else the number of warnings dropped since the
     * last one that went through.
     */
    long tryAcquire() {
        long now = System.nanoTime();
        long allowed = nextAllowed.get();
        if (allowed != Long.MIN_VALUE && now - allowed < 0) {
            suppressed.incrementAndGet();
            return -1;
        }
        if (!nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
            suppressed.incrementAndGet();
            return -1;
        }
        return suppressed.getAndSet(0);
    }
}
