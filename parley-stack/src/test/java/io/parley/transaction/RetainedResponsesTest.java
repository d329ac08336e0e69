package io.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RetainedResponsesTest {

    private final RetainedResponses retained = new RetainedResponses();

    private static TransactionKey key(int n) {
        return new TransactionKey("z9hG4bK" + n, "192.0.2." + (n % 250), 5060 + n % 3, Method.REGISTER);
    }

    private static byte[] response(int n, int length) {
        byte[] bytes = new byte[length];
        new Random(n).nextBytes(bytes);
        return bytes;
    }

    @Test
    void findsTheResponseKeptForAKey() {
        byte[] ok = "SIP/2.0 200 OK\r\n".getBytes(StandardCharsets.US_ASCII);

        assertThat(retained.put(key(1), ok, 100)).isTrue();

        assertThat(retained.find(key(1))).isEqualTo(ok);
        assertThat(retained.size()).isEqualTo(1);
    }

    @Test
    void keysDifferingInOneFieldAreDistinct() {
        TransactionKey base = new TransactionKey("z9hG4bKa", "host.example", 5060, Method.REGISTER);
        retained.put(base, new byte[] {1}, 100);

        assertThat(retained.find(new TransactionKey("z9hG4bKb", "host.example", 5060, Method.REGISTER))).isNull();
        assertThat(retained.find(new TransactionKey("z9hG4bKa", "host.example2", 5060, Method.REGISTER))).isNull();
        assertThat(retained.find(new TransactionKey("z9hG4bKa", "host.example", 5061, Method.REGISTER))).isNull();
        assertThat(retained.find(new TransactionKey("z9hG4bKa", "host.example", 5060, Method.OPTIONS))).isNull();
        assertThat(retained.find(base)).containsExactly(1);
    }

    @Test
    void keysWithCharactersAboveAsciiAreKeptApart() {
        TransactionKey accented = new TransactionKey("z9hG4bK\u00e9", "h", 5060, Method.REGISTER);
        TransactionKey other = new TransactionKey("z9hG4bK\u00e8", "h", 5060, Method.REGISTER);
        retained.put(accented, new byte[] {1}, 100);
        retained.put(other, new byte[] {2}, 100);

        assertThat(retained.find(accented)).containsExactly(1);
        assertThat(retained.find(other)).containsExactly(2);
    }

    @Test
    void expireDropsOnlyRecordsWhoseDeadlinePassed() {
        for (int n = 0; n < 10; n++) {
            retained.put(key(n), response(n, 50), n * 10L);
        }

        retained.expire(40);

        assertThat(retained.size()).isEqualTo(5);
        assertThat(retained.find(key(4))).isNull();
        assertThat(retained.find(key(5))).isEqualTo(response(5, 50));
        assertThat(retained.nextDeadline()).isEqualTo(50);
    }

    @Test
    void recordsSpanManyChunksAndExpireAcrossThem() {
        int count = 3 * RetainedResponses.CHUNK_SIZE / 500 + 17;
        for (int n = 0; n < count; n++) {
            retained.put(key(n), response(n, 480 + n % 40), n);
        }

        retained.expire(count / 2 - 1);

        assertThat(retained.size()).isEqualTo(count - count / 2);
        for (int n = 0; n < count; n++) {
            assertThat(retained.find(key(n))).as("response %d", n)
                    .isEqualTo(n < count / 2 ? null : response(n, 480 + n % 40));
        }
    }

    @Test
    void refillsAfterEverythingExpired() {
        for (int n = 0; n < 2000; n++) {
            retained.put(key(n), response(n, 300), 1);
        }
        retained.expire(1);

        assertThat(retained.size()).isZero();
        assertThat(retained.nextDeadline()).isEqualTo(Long.MAX_VALUE);

        retained.put(key(7), response(7, 300), 2);
        assertThat(retained.find(key(7))).isEqualTo(response(7, 300));
    }

    @Test
    void removeKeepsEveryOtherEntryFindable() {
        int count = 5000;
        for (int n = 0; n < count; n++) {
            retained.put(key(n), response(n, 20), 0);
        }
        List<Integer> removed = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < count / 3; i++) {
            int n = random.nextInt(count);
            retained.remove(key(n));
            removed.add(n);
        }

        for (int n = 0; n < count; n++) {
            assertThat(retained.find(key(n))).as("response %d", n)
                    .isEqualTo(removed.contains(n) ? null : response(n, 20));
        }
        retained.expire(0);
        assertThat(retained.size()).isZero();
    }

    @Test
    void refusesAResponseLargerThanAChunk() {
        assertThat(retained.put(key(1), new byte[RetainedResponses.CHUNK_SIZE], 0)).isFalse();

        assertThat(retained.size()).isZero();
        assertThat(retained.find(key(1))).isNull();
    }

    @Test
    void recordPastChunkEndStartsNextChunk() {
        int first = RetainedResponses.CHUNK_SIZE - 200;
        retained.put(key(1), new byte[first], 0);
        retained.put(key(2), response(2, 400), 1);
        retained.put(key(3), response(3, 400), 2);

        retained.expire(0);

        assertThat(retained.find(key(1))).isNull();
        assertThat(retained.find(key(2))).isEqualTo(response(2, 400));
        assertThat(retained.nextDeadline()).isEqualTo(1);
        retained.expire(2);
        assertThat(retained.size()).isZero();
    }
}
