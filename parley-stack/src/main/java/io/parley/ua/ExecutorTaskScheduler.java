package io.parley.ua;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link TaskScheduler} on one daemon thread and the system clock. */
public final class ExecutorTaskScheduler implements TaskScheduler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ExecutorTaskScheduler.class);

    private final ScheduledExecutorService executor;
    private final Clock clock;

    /** Creates a scheduler whose thread has this name. */
    public ExecutorTaskScheduler(String threadName) {
        this.clock = Clock.systemUTC();
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Instant now() {
        return clock.instant();
    }

    /** Runs {@code task} on the scheduler thread; after {@link #close()} the task is dropped. */
    @Override
    public void execute(Runnable task) {
        try {
            executor.execute(() -> runGuarded(task));
        } catch (RejectedExecutionException e) {
            // A transaction that completes after close, such as one dropped by closing the stack.
            LOG.debug("scheduler closed; dropping a late task");
        }
    }

    @Override
    public ScheduledTask schedule(Duration delay, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(() -> runGuarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        return () -> future.cancel(false);
    }

    /** Stops the thread; tasks not yet run are dropped. */
    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static void runGuarded(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            // Thread boundary: a failing task must not kill the only thread of the client.
            LOG.error("registration task failed", e);
        }
    }
}
