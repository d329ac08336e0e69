package io.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FifoTimerSchedulerTest {

    /** A wake-up the scheduler asked for: run it at {@code at} nanoseconds. */
    private record WakeUp(long at, Runnable task) {
    }

    private long now;
    private final List<WakeUp> wakeUps = new ArrayList<>();
    private final List<String> ran = new ArrayList<>();
    private final FifoTimerScheduler scheduler = new FifoTimerScheduler(() -> now,
            (delayNanos, task) -> wakeUps.add(new WakeUp(now + delayNanos, task)));

    /** Moves the clock to {@code millis} and runs every wake-up due by then, in deadline order. */
    private void advanceTo(long millis) {
        now = Duration.ofMillis(millis).toNanos();
        while (true) {
            WakeUp next = wakeUps.stream().filter(w -> w.at() <= now).min((a, b) -> Long.compare(a.at(), b.at()))
                    .orElse(null);
            if (next == null) {
                return;
            }
            wakeUps.remove(next);
            next.task().run();
        }
    }

    private Runnable record(String name) {
        return () -> ran.add(name);
    }

    @Test
    void runsTimersOfOneDurationInStartOrder() {
        scheduler.schedule(Duration.ofMillis(500), record("a"));
        advanceTo(100);
        scheduler.schedule(Duration.ofMillis(500), record("b"));

        advanceTo(499);
        assertThat(ran).isEmpty();
        advanceTo(500);
        assertThat(ran).containsExactly("a");
        advanceTo(600);
        assertThat(ran).containsExactly("a", "b");
    }

    @Test
    void keepsOneWakeUpPerDuration() {
        for (int i = 0; i < 1000; i++) {
            scheduler.schedule(Duration.ofSeconds(32), record("j" + i));
        }
        scheduler.schedule(Duration.ofMillis(500), record("e"));

        assertThat(wakeUps).hasSize(2);
        advanceTo(32_000);
        assertThat(ran).hasSize(1001);
        assertThat(ran.get(0)).isEqualTo("e");
        assertThat(wakeUps).isEmpty();
    }

    @Test
    void cancelledTimerNeverRuns() {
        TimerScheduler.ScheduledTimer first = scheduler.schedule(Duration.ofMillis(500), record("first"));
        scheduler.schedule(Duration.ofMillis(500), record("second"));

        first.cancel();
        advanceTo(1000);

        assertThat(ran).containsExactly("second");
    }

    @Test
    void timerStartedInLaneRunsLater() {
        scheduler.schedule(Duration.ofMillis(500), () -> {
            ran.add("first");
            scheduler.schedule(Duration.ofMillis(500), record("second"));
        });

        advanceTo(500);
        assertThat(ran).containsExactly("first");
        assertThat(wakeUps).hasSize(1);
        advanceTo(1000);
        assertThat(ran).containsExactly("first", "second");
    }

    @Test
    void failingTaskDoesNotStopItsLane() {
        scheduler.schedule(Duration.ofMillis(500), () -> {
            throw new IllegalStateException("broken timer");
        });
        scheduler.schedule(Duration.ofMillis(500), record("after"));

        advanceTo(500);

        assertThat(ran).containsExactly("after");
    }

    @Test
    void zeroDelayRunsAtTheNextWakeUp() {
        scheduler.schedule(Duration.ZERO, record("now"));

        assertThat(ran).isEmpty();
        advanceTo(0);
        assertThat(ran).containsExactly("now");
    }

    @Test
    void dropsLaneOnceItsTimersRan() {
        for (int i = 1; i <= 100; i++) {
            scheduler.schedule(Duration.ofMillis(i), record("t" + i));
        }
        assertThat(scheduler.laneCount()).isEqualTo(100);

        advanceTo(100);

        assertThat(ran).hasSize(100);
        assertThat(scheduler.laneCount()).isZero();
    }

    @Test
    void reusesDurationAfterItsLaneWasDropped() {
        scheduler.schedule(Duration.ofMillis(10), record("first"));
        advanceTo(10);
        scheduler.schedule(Duration.ofMillis(10), record("second"));

        advanceTo(20);

        assertThat(ran).containsExactly("first", "second");
        assertThat(scheduler.laneCount()).isZero();
    }
}
