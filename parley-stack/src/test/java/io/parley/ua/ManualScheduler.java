package io.parley.ua;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.PriorityQueue;

/** A {@link TaskScheduler} whose clock moves only when a test advances it; nothing ever sleeps. */
final class ManualScheduler implements TaskScheduler {

    private final PriorityQueue<Entry> queue = new PriorityQueue<>();
    private Instant now = Instant.parse("2026-01-01T00:00:00Z");
    private long sequence;

    @Override
    public Instant now() {
        return now;
    }

    @Override
    public void execute(Runnable task) {
        schedule(Duration.ZERO, task);
    }

    @Override
    public ScheduledTask schedule(Duration delay, Runnable task) {
        Entry entry = new Entry(now.plus(delay), sequence++, task);
        queue.add(entry);
        return () -> entry.cancelled = true;
    }

    /** Runs every task that is due now, including tasks those tasks add for now. */
    void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves the clock forward, running each task at its due time in order. */
    void advance(Duration duration) {
        Instant target = now.plus(duration);
        while (!queue.isEmpty() && !queue.peek().due.isAfter(target)) {
            Entry entry = queue.poll();
            if (entry.due.isAfter(now)) {
                now = entry.due;
            }
            if (!entry.cancelled) {
                entry.task.run();
            }
        }
        now = target;
    }

    /** Returns the delay until the next task that is not cancelled. */
    Optional<Duration> nextDelay() {
        return queue.stream().filter(entry -> !entry.cancelled).map(entry -> entry.due).min(Instant::compareTo)
                .map(due -> Duration.between(now, due));
    }

    private static final class Entry implements Comparable<Entry> {
        final Instant due;
        final long order;
        final Runnable task;
        boolean cancelled;

        Entry(Instant due, long order, Runnable task) {
            this.due = due;
            this.order = order;
            this.task = task;
        }

        @Override
        public int compareTo(Entry other) {
            int byTime = due.compareTo(other.due);
            return byTime != 0 ? byTime : Long.compare(order, other.order);
        }
    }
}
