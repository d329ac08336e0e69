package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Checks the eight-bytes-at-a-time searches against a byte-by-byte search of the same ranges. */
class ByteScanTest {

    private static final byte[] ALPHABET = {'a', 'Z', '0', ' ', '"', '\\', '>', '!', '\t', '\r', '\n', 0x00, 0x1F, 0x20, 0x21, 0x7E,
        0x7F, (byte) 0x80, (byte) 0xA2, (byte) 0xDC, (byte) 0xFF};

    @Test
    void indexOfControlMatchesByteSearch() {
        Random random = new Random(4475);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = randomBytes(random);
            int from = random.nextInt(bytes.length + 1);
            int to = from + random.nextInt(bytes.length - from + 1);

            assertThat(ByteScan.indexOfControl(bytes, from, to)).as("range %d-%d", from, to)
                    .isEqualTo(firstControl(bytes, from, to));
        }
    }

    @Test
    void indexOfQuoteOrBackslashMatchesByteSearch() {
        Random random = new Random(5118);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = randomBytes(random);
            int from = random.nextInt(bytes.length + 1);
            int to = from + random.nextInt(bytes.length - from + 1);

            assertThat(ByteScan.indexOfQuoteOrBackslash(bytes, from, to)).as("range %d-%d", from, to)
                    .isEqualTo(firstQuoteOrBackslash(bytes, from, to));
        }
    }

    @Test
    void greaterThanOrSpaceMatchesByteSearch() {
        Random random = new Random(3261);
        for (int round = 0; round < 20_000; round++) {
            byte[] bytes = randomBytes(random);
            int from = random.nextInt(bytes.length + 1);
            int to = from + random.nextInt(bytes.length - from + 1);

            assertThat(ByteScan.indexOfGreaterThanOrSpace(bytes, from, to)).as("range %d-%d", from, to)
                    .isEqualTo(firstGreaterThanOrSpace(bytes, from, to));
        }
    }

    @Test
    void findsControlInEveryLanePosition() {
        for (int position = 0; position < 24; position++) {
            byte[] bytes = "abcdefghijklmnopqrstuvwx".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            bytes[position] = 0x7F;

            assertThat(ByteScan.indexOfControl(bytes, 0, bytes.length)).isEqualTo(position);
        }
    }

    /** Returns 1 to 40 bytes, mostly plain text with a few of the bytes the searches look for. */
    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(40)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = random.nextInt(4) == 0 ? ALPHABET[random.nextInt(ALPHABET.length)] : (byte) ('a' + random.nextInt(26));
        }
        return bytes;
    }

    private static int firstControl(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x20 || b == 0x7F) {
                return i;
            }
        }
        return to;
    }

    private static int firstGreaterThanOrSpace(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '>' || (bytes[i] & 0xFF) <= 0x20) {
                return i;
            }
        }
        return to;
    }

    private static int firstQuoteOrBackslash(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == '"' || bytes[i] == '\\') {
                return i;
            }
        }
        return to;
    }
}
