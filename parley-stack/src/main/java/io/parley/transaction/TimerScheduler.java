package io.parley.transaction;

import java.time.Duration;

/**
 * Runs the transaction timers. Tasks must run on the thread that owns the transaction layer, such as
 * the Netty event loop of the stack; tests use {@link ManualTimerScheduler} and advance time by hand.
 */
public interface TimerScheduler {

    /** Schedules {@code task} to run once after {@code delay}; the handle cancels it. */
    ScheduledTimer schedule(Duration delay, Runnable task);

    /** Returns the scheduler's clock in nanoseconds, which only differences of are meaningful, as with {@link System#nanoTime()}. */
    default long nanoTime() {
        return System.nanoTime();
    }

    /** A scheduled task that has not run yet, or has run. */
    @FunctionalInterface
    interface ScheduledTimer {

        /** Cancels the task; does nothing when it has already run or was cancelled. */
        void cancel();
    }
}
