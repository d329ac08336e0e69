package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.HeaderName;
import io.parley.message.SipMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Random mutations and truncations of the torture messages give a parse result or a parse error,
 * never another exception. A mutated message that parses must also round-trip.
 */
class MalformedInputTest {

    private static final byte[] INTERESTING = ",;:\"<>[]@%\\ \t\r\n=?&/\0\u00ff".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    private static final int MUTATIONS_PER_MESSAGE = 400;

    @Test
    void mutatedMessagesParseOrFailCleanly() {
        Random random = new Random(4475L);
        for (byte[] original : corpus()) {
            for (int i = 0; i < MUTATIONS_PER_MESSAGE; i++) {
                byte[] mutated = mutate(original, random);

                MessageParseResult result = SipParser.parseDatagram(mutated);

                assertClean(result, mutated);
            }
        }
    }

    @Test
    void truncatedMessagesParseOrFailCleanly() {
        for (byte[] original : corpus()) {
            for (int length = 0; length < original.length; length++) {
                byte[] truncated = Arrays.copyOf(original, length);

                assertClean(SipParser.parseDatagram(truncated), truncated);
            }
        }
    }

    @Test
    void mutatedStreamsFrameOrFailCleanly() {
        Random random = new Random(5118L);
        for (byte[] original : corpus()) {
            for (int i = 0; i < 50; i++) {
                byte[] mutated = mutate(original, random);
                StreamFramer framer = new StreamFramer();
                int split = random.nextInt(mutated.length + 1);

                framer.feed(mutated, 0, split);
                MessageParseResult first = framer.next();
                framer.feed(mutated, split, mutated.length - split);
                MessageParseResult second = framer.next();

                assertThat(first).isNotNull();
                assertThat(second).isNotNull();
            }
        }
    }

    @Test
    void mutatedCredentialsParseOrFailCleanly() {
        Random random = new Random(7616L);
        byte[] original = (SipParserTest.LONG_FORM_401.replace("WWW-Authenticate", "X-Unused")
                + "").replace("Content-Length: 0\r\n", "Authorization: Digest username=\"a\\\"b\", realm=\"r\", "
                + "nonce=\"n\", uri=\"sip:x\", response=\"00\", qop=auth, nc=00000001, cnonce=\"c\"\r\n"
                + "Authentication-Info: nextnonce=\"n2\", qop=auth\r\nContent-Length: 0\r\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = mutate(original, random);

            assertClean(SipParser.parseDatagram(mutated), mutated);
        }
    }

    @Test
    void rejectsHugeGarbageWithinLimits() {
        byte[] garbage = new byte[2_000_000];
        new Random(1L).nextBytes(garbage);

        MessageParseResult result = SipParser.parseDatagram(garbage);

        assertThat(result).isInstanceOf(MessageParseResult.Rejected.class);
    }

    @Test
    void rejectsLongCommaListWithinLimits() {
        String header = "OPTIONS sip:a@example.com SIP/2.0\r\nVia: " + "SIP/2.0/UDP h;branch=z9hG4bK1,".repeat(2_000) + "\r\n\r\n";

        MessageParseResult result = SipParser.parseDatagram(header.getBytes(java.nio.charset.StandardCharsets.US_ASCII));

        assertThat(result).isInstanceOf(MessageParseResult.Rejected.class);
    }

    private static void assertClean(MessageParseResult result, byte[] input) {
        assertThat(result).isNotNull();
        assertThat(result).isNotInstanceOf(MessageParseResult.NeedMoreData.class);
        if (result instanceof MessageParseResult.Parsed parsed) {
            SipMessage message = parsed.message();
            MessageParseResult again = SipParser.parseDatagram(message.toBytes());
            assertThat(again).as("canonical form of %s", new String(input, java.nio.charset.StandardCharsets.ISO_8859_1))
                    .isInstanceOf(MessageParseResult.Parsed.class);
            assertThat(((MessageParseResult.Parsed) again).message()).isEqualTo(message);
            assertThat(message.authorization()).hasSameSizeAs(message.headers(HeaderName.AUTHORIZATION));
            assertThat(message.wwwAuthenticate()).hasSameSizeAs(message.headers(HeaderName.WWW_AUTHENTICATE));
        } else {
            ParseError error = ((MessageParseResult.Rejected) result).error();
            assertThat(error.reason()).isNotBlank();
            assertThat(error.offset()).isBetween(0, input.length);
        }
    }

    static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int edits = 1 + random.nextInt(4);
        for (int e = 0; e < edits && bytes.length > 0; e++) {
            int at = random.nextInt(bytes.length);
            switch (random.nextInt(4)) {
                case 0 -> bytes[at] = (byte) random.nextInt(256);
                case 1 -> bytes[at] = INTERESTING[random.nextInt(INTERESTING.length)];
                case 2 -> bytes = remove(bytes, at);
                default -> bytes = insert(bytes, at, INTERESTING[random.nextInt(INTERESTING.length)]);
            }
        }
        return bytes;
    }

    private static byte[] remove(byte[] bytes, int at) {
        byte[] result = new byte[bytes.length - 1];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(bytes, at + 1, result, at, bytes.length - at - 1);
        return result;
    }

    private static byte[] insert(byte[] bytes, int at, byte value) {
        byte[] result = new byte[bytes.length + 1];
        System.arraycopy(bytes, 0, result, 0, at);
        result[at] = value;
        System.arraycopy(bytes, at, result, at + 1, bytes.length - at);
        return result;
    }

    static List<byte[]> corpus() {
        List<byte[]> corpus = new ArrayList<>();
        for (Path path : TortureMessages.files(TortureMessages.RFC4475)) {
            corpus.add(TortureMessages.read(path));
        }
        for (Path path : TortureMessages.files(TortureMessages.RFC5118)) {
            corpus.add(TortureMessages.rfc5118WireBytes(TortureMessages.read(path)));
        }
        return corpus;
    }
}
