package io.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.Method;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.Via;
import io.parley.transport.TestMessages;
import io.parley.transport.Transport;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Drives a transaction layer with random new requests, retransmissions and clock steps, and checks
 * each outcome against the rule of RFC 3261 section 17.2.2: until Timer J ends, a retransmission
 * gets the final response again and never reaches the TU.
 */
class RetiredTransactionModelTest {

    private static final long TIMER_J_NANOS = Duration.ofSeconds(32).toNanos();

    /** The final response sent for one request, and when. */
    private record Completion(SipResponse response, long sentAt) {
    }

    /** Returns request {@code n}: one branch of 100 from one sent-by port of 4, so each n has its own key. */
    private static SipRequest request(int n) {
        Method method = n % 3 == 0 ? Method.OPTIONS : Method.REGISTER;
        return TestMessages.builder(method, 1).via(Via.of("UDP", "127.0.0.1", 5070 + n / 100, "z9hG4bKm" + n % 100))
                .build();
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void retransmissionsFollowTimerJ(long seed) {
        Random random = new Random(seed);
        LayerFixture fixture = new LayerFixture();
        Map<Integer, Completion> completed = new HashMap<>();

        for (int step = 0; step < 3_000; step++) {
            int n = random.nextInt(400);
            SipRequest request = request(n);
            int requestsBefore = fixture.user.requests.size();
            int sentBefore = fixture.transport.sent.size();
            Completion completion = completed.get(n);
            long now = fixture.clock.nanoTime();
            fixture.receive(request, Transport.UDP);

            if (completion != null && now - completion.sentAt() < TIMER_J_NANOS) {
                assertThat(fixture.user.requests).as("seed %d step %d", seed, step).hasSize(requestsBefore);
                assertThat(fixture.transport.last()).as("seed %d step %d", seed, step).isEqualTo(completion.response());
            } else {
                assertThat(fixture.user.requests).as("seed %d step %d request %d", seed, step, n).hasSize(requestsBefore + 1);
                assertThat(fixture.transport.sent).hasSize(sentBefore);
                SipResponse response = TestMessages.response(request, 200 + random.nextInt(300));
                fixture.user.requests.get(requestsBefore).respond(response);
                completed.put(n, new Completion(response, now));
            }
            fixture.clock.advance(Duration.ofMillis(random.nextInt(40)));
        }

        fixture.clock.advance(Duration.ofSeconds(40));
        assertThat(fixture.layer.size()).isZero();
        assertThat(fixture.clock.pendingCount()).isZero();
    }
}
