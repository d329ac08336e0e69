package io.parley.transaction;

import java.time.Duration;
import java.util.Objects;

/**
 * The base timer values of RFC 3261 section 17.1.1.1; every other timer derives from them (table 4
 * in section A, and RFC 6026 section 8.11 for Timers L and M).
 *
 * @param t1 round-trip time estimate, default 500 ms
 * @param t2 longest retransmission interval of non-INVITE requests and INVITE responses, default 4 s
 * @param t4 longest time a message stays in the network, default 5 s
 */
public record TimerSettings(Duration t1, Duration t2, Duration t4) {

    /** The RFC 3261 defaults: T1 500 ms, T2 4 s, T4 5 s. */
    public static final TimerSettings DEFAULTS =
            new TimerSettings(Duration.ofMillis(500), Duration.ofSeconds(4), Duration.ofSeconds(5));

    /** Timer D lasts at least this long over UDP (RFC 3261 section 17.1.1.2). */
    private static final Duration TIMER_D_UNRELIABLE = Duration.ofSeconds(32);

    public TimerSettings {
        Objects.requireNonNull(t1, "t1");
        Objects.requireNonNull(t2, "t2");
        Objects.requireNonNull(t4, "t4");
        if (t1.isNegative() || t1.isZero()) {
            throw new IllegalArgumentException("T1 " + t1 + " must be positive");
        }
        if (t2.compareTo(t1) < 0) {
            throw new IllegalArgumentException("T2 " + t2 + " must not be shorter than T1 " + t1);
        }
        if (t4.isNegative()) {
            throw new IllegalArgumentException("T4 " + t4 + " must not be negative");
        }
    }

    /** Returns settings with another T1 and the default T2 and T4, or T2 = T1 when T1 is longer. */
    public static TimerSettings withT1(Duration t1) {
        Duration t2 = DEFAULTS.t2.compareTo(t1) < 0 ? t1 : DEFAULTS.t2;
        return new TimerSettings(t1, t2, DEFAULTS.t4);
    }

    /** Returns 64*T1, the value of Timers B, F, H, J (over UDP), L and M. */
    public Duration transactionTimeout() {
        return t1.multipliedBy(64);
    }

    /** Returns Timer D: 32 s or 64*T1 when longer over UDP, zero over a reliable transport. */
    public Duration timerD(boolean reliable) {
        if (reliable) {
            return Duration.ZERO;
        }
        Duration scaled = transactionTimeout();
        return scaled.compareTo(TIMER_D_UNRELIABLE) > 0 ? scaled : TIMER_D_UNRELIABLE;
    }

    /** Returns Timers I and K: T4 over UDP, zero over a reliable transport. */
    public Duration timerIOrK(boolean reliable) {
        return reliable ? Duration.ZERO : t4;
    }

    /** Returns Timer J: 64*T1 over UDP, zero over a reliable transport. */
    public Duration timerJ(boolean reliable) {
        return reliable ? Duration.ZERO : transactionTimeout();
    }

    /** Returns the next retransmission interval after {@code current}: doubled, at most T2. */
    public Duration backOff(Duration current) {
        Duration doubled = current.multipliedBy(2);
        return doubled.compareTo(t2) > 0 ? t2 : doubled;
    }
}
