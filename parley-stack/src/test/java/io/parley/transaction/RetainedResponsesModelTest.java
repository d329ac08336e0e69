package io.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Checks {@link RetainedResponses} against a {@link HashMap} model under random interleavings of
 * put, remove, find and expire on a fake clock, with records of every size up to a whole chunk and
 * more live keys than the initial hash table has room for.
 */
class RetainedResponsesModelTest {

    /** Timer J of the fake clock: every record lives this long after its put. */
    private static final long LIFETIME = 10_000;
    private static final int HEADER_SIZE = 16;

    private record ModelEntry(byte[] response, long deadline) {
    }

    private static List<TransactionKey> keyPool(Random random) {
        List<TransactionKey> keys = new ArrayList<>();
        Method[] methods = {Method.REGISTER, Method.OPTIONS, Method.CANCEL, Method.BYE};
        for (int n = 0; n < 1_500; n++) {
            String branch = "z9hG4bK" + Integer.toHexString(random.nextInt());
            if (n % 7 == 0) {
                branch += "\u00e9\u4e2d";
            }
            String host = n % 5 == 0 ? "h\u00f6st.example" : "10.0.0." + n % 4;
            keys.add(new TransactionKey(branch, host, 5060 + n % 3, methods[n % methods.length]));
        }
        return keys;
    }

    /** Returns a response length: mostly small, sometimes close to a whole chunk. */
    private static int responseLength(Random random) {
        int pick = random.nextInt(100);
        if (pick < 1) {
            return RetainedResponses.CHUNK_SIZE - HEADER_SIZE - 200 + random.nextInt(200);
        }
        if (pick < 5) {
            return RetainedResponses.CHUNK_SIZE / 2 + random.nextInt(RetainedResponses.CHUNK_SIZE / 3);
        }
        return random.nextInt(2_000);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20})
    void randomOperationsMatchHashMapModel(long seed) {
        Random random = new Random(seed);
        List<TransactionKey> keys = keyPool(random);
        RetainedResponses retained = new RetainedResponses();
        Map<TransactionKey, ModelEntry> model = new HashMap<>();
        long now = 0;
        int maxSize = 0;

        for (int step = 0; step < 8_000; step++) {
            TransactionKey key = keys.get(random.nextInt(keys.size()));
            int operation = random.nextInt(100);
            if (operation < 45) {
                byte[] response = new byte[responseLength(random)];
                random.nextBytes(response);
                if (retained.put(key, response, now + LIFETIME)) {
                    model.put(key, new ModelEntry(response, now + LIFETIME));
                }
            } else if (operation < 55) {
                retained.remove(key);
                model.remove(key);
            } else if (operation < 70) {
                now += random.nextInt(60);
                long at = now;
                retained.expire(at);
                model.values().removeIf(entry -> entry.deadline() <= at);
            } else {
                ModelEntry entry = model.get(key);
                assertThat(retained.find(key)).as("seed %d step %d key %s", seed, step, key)
                        .isEqualTo(entry == null ? null : entry.response());
            }
            assertThat(retained.size()).as("seed %d step %d", seed, step).isEqualTo(model.size());
            maxSize = Math.max(maxSize, model.size());
        }

        for (TransactionKey key : keys) {
            ModelEntry entry = model.get(key);
            assertThat(retained.find(key)).as("seed %d key %s", seed, key)
                    .isEqualTo(entry == null ? null : entry.response());
        }
        retained.expire(now + LIFETIME);
        assertThat(retained.size()).isZero();
        assertThat(retained.nextDeadline()).isEqualTo(Long.MAX_VALUE);
        // More live keys than half the initial 1024 slots, so the table grew at least once.
        assertThat(maxSize).isGreaterThan(512);
    }

    /** Returns the encoded length of an ASCII key: four length or port fields and the characters. */
    private static int asciiKeyLength(TransactionKey key) {
        return 16 + key.method().name().length() + key.sentByHost().length() + key.branch().length();
    }

    private static TransactionKey asciiKey(int n) {
        return new TransactionKey("z9hG4bKfill" + n, "127.0.0.1", 5060, Method.REGISTER);
    }

    @Test
    void recordExactlyFillingChunkIsKept() {
        RetainedResponses retained = new RetainedResponses();
        TransactionKey whole = asciiKey(1);
        byte[] response = new byte[RetainedResponses.CHUNK_SIZE - HEADER_SIZE - asciiKeyLength(whole)];
        response[response.length - 1] = 7;

        assertThat(retained.put(whole, response, 10)).isTrue();
        assertThat(retained.put(asciiKey(2), new byte[] {2}, 20)).isTrue();

        assertThat(retained.find(whole)).isEqualTo(response);
        assertThat(retained.find(asciiKey(2))).containsExactly(2);
        retained.expire(10);
        assertThat(retained.find(whole)).isNull();
        assertThat(retained.find(asciiKey(2))).containsExactly(2);
        assertThat(retained.nextDeadline()).isEqualTo(20);
    }

    @Test
    void recordOneByteOverChunkIsRejected() {
        RetainedResponses retained = new RetainedResponses();
        TransactionKey key = asciiKey(1);
        byte[] response = new byte[RetainedResponses.CHUNK_SIZE - HEADER_SIZE - asciiKeyLength(key) + 1];

        assertThat(retained.put(key, response, 10)).isFalse();
        assertThat(retained.size()).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 15, 16, 17})
    void recordsLeavingFewBytesAtChunkEndStayReadable(int left) {
        RetainedResponses retained = new RetainedResponses();
        TransactionKey first = asciiKey(1);
        byte[] filler = new byte[RetainedResponses.CHUNK_SIZE - HEADER_SIZE - asciiKeyLength(first) - left];
        retained.put(first, filler, 10);
        for (int n = 2; n < 6; n++) {
            retained.put(asciiKey(n), ("r" + n).getBytes(StandardCharsets.US_ASCII), 10L * n);
        }

        retained.expire(10);

        assertThat(retained.nextDeadline()).isEqualTo(20);
        for (int n = 2; n < 6; n++) {
            assertThat(retained.find(asciiKey(n))).as("key %d", n).isEqualTo(("r" + n).getBytes(StandardCharsets.US_ASCII));
        }
        retained.expire(50);
        assertThat(retained.size()).isZero();
    }

    @Test
    void removedKeyPutAgainSurvivesOldExpiry() {
        RetainedResponses retained = new RetainedResponses();
        TransactionKey key = asciiKey(1);
        retained.put(key, new byte[] {1}, 10);
        retained.remove(key);
        retained.put(key, new byte[] {2}, 20);

        retained.expire(10);

        assertThat(retained.find(key)).containsExactly(2);
        assertThat(retained.size()).isEqualTo(1);
    }
}
