package io.parley.ua;

import java.time.Duration;
import java.time.Instant;

/**
 * The clock and the single thread the registration client runs on. Every task runs on the same
 * thread, one at a time, so the client needs no locks; tests pass a scheduler they advance by hand.
 */
public interface TaskScheduler {

    /** Returns the current time. */
    Instant now();

    /** Runs {@code task} soon, after the tasks already due. */
    void execute(Runnable task);

    /** Runs {@code task} once after {@code delay}. */
    ScheduledTask schedule(Duration delay, Runnable task);

    /** A task waiting to run. */
    @FunctionalInterface
    interface ScheduledTask {

        /** Cancels the task; does nothing when it already ran. */
        void cancel();
    }
}
