package io.parley.transaction;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A scheduler for the transaction timers that keeps one FIFO queue per timer duration. The timers of
 * RFC 3261 section 17 take a few fixed durations: multiples of T1, T2, T4 and 64*T1. So timers of
 * one duration expire in the order they started, and only the head of each queue needs a task on the
 * executor. Starting or cancelling a timer is then constant time and costs one small object, where a
 * task per timer would cost an insertion into and a removal from the executor's priority queue. A
 * registrar under load keeps hundreds of thousands of Timer J entries.
 *
 * <p>Not thread-safe: schedule, cancel and the executor's tasks must all run on one thread, the
 * thread of the transaction layer. A cancelled timer releases its task at once and its entry when
 * its queue reaches it.
 */
public final class FifoTimerScheduler implements TimerScheduler {

    /** Runs a task on the layer's thread after a delay in nanoseconds. */
    @FunctionalInterface
    interface Waker {
        void wakeAfter(long delayNanos, Runnable task);
    }

    private static final Logger LOG = LoggerFactory.getLogger(FifoTimerScheduler.class);

    private final LongSupplier nanoTime;
    private final Waker waker;
    /** One lane per distinct duration; a transaction layer uses about ten. */
    private final List<Lane> lanes = new ArrayList<>();

    /** Creates a scheduler whose wake-ups run on {@code executor}, such as the stack's event loop. */
    public FifoTimerScheduler(ScheduledExecutorService executor) {
        this(System::nanoTime, (delayNanos, task) -> executor.schedule(task, delayNanos, TimeUnit.NANOSECONDS));
        Objects.requireNonNull(executor, "executor");
    }

    FifoTimerScheduler(LongSupplier nanoTime, Waker waker) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.waker = Objects.requireNonNull(waker, "waker");
    }

    @Override
    public ScheduledTimer schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        long delayNanos = Math.max(0, delay.toNanos());
        Entry entry = new Entry(nanoTime.getAsLong() + delayNanos, task);
        lane(delayNanos).add(entry);
        return entry;
    }

    @Override
    public long nanoTime() {
        return nanoTime.getAsLong();
    }

    /** Returns the number of lanes, one for each duration with timers pending, for tests. */
    int laneCount() {
        return lanes.size();
    }

    private Lane lane(long delayNanos) {
        for (Lane lane : lanes) {
            if (lane.delayNanos == delayNanos) {
                return lane;
            }
        }
        Lane lane = new Lane(delayNanos);
        lanes.add(lane);
        return lane;
    }

    /** Runs one timer task; a failure is logged so that the timers after it in its lane still run. */
    private static void run(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.error("a transaction timer task failed", e);
        }
    }

    /** One started timer; {@link #task} is null once it ran or was cancelled. */
    private static final class Entry implements ScheduledTimer {
        final long deadline;
        Runnable task;

        Entry(long deadline, Runnable task) {
            this.deadline = deadline;
            this.task = task;
        }

        @Override
        public void cancel() {
            task = null;
        }
    }

    /** The timers of one duration, in the order of their deadlines. */
    private final class Lane {
        final long delayNanos;
        final ArrayDeque<Entry> entries = new ArrayDeque<>();
        /** Whether a wake-up for the head entry is pending on the executor. */
        boolean awake;

        Lane(long delayNanos) {
            this.delayNanos = delayNanos;
        }

        void add(Entry entry) {
            entries.addLast(entry);
            if (!awake) {
                wakeForHead();
            }
        }

        private void wakeForHead() {
            awake = true;
            long wait = Math.max(0, entries.peekFirst().deadline - nanoTime.getAsLong());
            waker.wakeAfter(wait, this::expire);
        }

        /** Runs the due timers, drops cancelled ones at the head, and waits for the next deadline. */
        private void expire() {
            awake = false;
            long now = nanoTime.getAsLong();
            Entry head = entries.peekFirst();
            while (head != null && (head.task == null || head.deadline - now <= 0)) {
                entries.pollFirst();
                Runnable task = head.task;
                head.task = null;
                if (task != null) {
                    run(task);
                }
                head = entries.peekFirst();
            }
            if (head == null) {
                // An empty lane goes, so that timers of ever new durations do not pile up lanes.
                lanes.remove(this);
            } else if (!awake) {
                wakeForHead();
            }
        }
    }
}
