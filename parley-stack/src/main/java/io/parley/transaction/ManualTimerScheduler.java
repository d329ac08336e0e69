package io.parley.transaction;

import java.time.Duration;
import java.util.Objects;
import java.util.PriorityQueue;

/**
 * A scheduler whose clock only moves when {@link #advance} is called; due tasks run on the calling
 * thread in time order. For tests and simulations, never for production. Not thread-safe.
 */
public final class ManualTimerScheduler implements TimerScheduler {

    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private long nowNanos;
    private long sequence;

    @Override
    public ScheduledTimer schedule(Duration delay, Runnable task) {
        Objects.requireNonNull(task, "task");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay " + delay + " is negative");
        }
        Entry entry = new Entry(nowNanos + delay.toNanos(), sequence++, task);
        queue.add(entry);
        return () -> entry.cancelled = true;
    }

    /** Moves the clock forward by {@code duration}, running every task that falls due on the way. */
    public void advance(Duration duration) {
        long target = nowNanos + duration.toNanos();
        Entry next = queue.peek();
        while (next != null && next.dueNanos <= target) {
            queue.poll();
            nowNanos = next.dueNanos;
            if (!next.cancelled) {
                next.task.run();
            }
            next = queue.peek();
        }
        nowNanos = target;
    }

    /** Returns the manual clock: the nanoseconds advanced since the scheduler was created. */
    @Override
    public long nanoTime() {
        return nowNanos;
    }

    /** Returns the time elapsed since the scheduler was created. */
    public Duration elapsed() {
        return Duration.ofNanos(nowNanos);
    }

    /** Returns the number of tasks that are scheduled and not cancelled. */
    public int pendingCount() {
        int count = 0;
        for (Entry entry : queue) {
            if (!entry.cancelled) {
                count++;
            }
        }
        return count;
    }

    private static final class Entry implements Comparable<Entry> {
        final long dueNanos;
        final long order;
        final Runnable task;
        boolean cancelled;

        Entry(long dueNanos, long order, Runnable task) {
            this.dueNanos = dueNanos;
            this.order = order;
            this.task = task;
        }

        @Override
        public int compareTo(Entry other) {
            int byTime = Long.compare(dueNanos, other.dueNanos);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }
}
