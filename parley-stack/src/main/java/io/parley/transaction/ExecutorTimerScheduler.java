package io.parley.transaction;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler on a {@link ScheduledExecutorService}. A Netty event loop is one, so the timers of the
 * stack run on the same thread as its channels.
 */
public final class ExecutorTimerScheduler implements TimerScheduler {

    private final ScheduledExecutorService executor;

    public ExecutorTimerScheduler(ScheduledExecutorService executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public ScheduledTimer schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }
}
