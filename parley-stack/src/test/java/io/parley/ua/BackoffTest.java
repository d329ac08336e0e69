package io.parley.ua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(60));

    @Test
    void doublesFromInitialDelay() {
        assertThat(backoff.delay(1, 0.999_999)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.delay(2, 0.999_999)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.delay(3, 0.999_999)).isEqualTo(Duration.ofSeconds(8));
    }

    @Test
    void capsAtMaximum() {
        assertThat(backoff.delay(6, 0.999_999)).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delay(1_000, 0.999_999)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void scalesBetweenHalfAndFull() {
        assertThat(backoff.delay(1, 0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.delay(1, 0.5)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void rejectsZeroFailures() {
        assertThatThrownBy(() -> backoff.delay(0, 0.5)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("failures is 0");
    }

    @Test
    void rejectsMaximumBelowInitial() {
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(10), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("below the initial");
    }
}
