package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.SipMessage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamFramerTest {

    private static final String OPTIONS = """
            OPTIONS sip:bob@example.com SIP/2.0\r
            Via: SIP/2.0/TCP 192.0.2.80:5062;branch=z9hG4bKkwpQ8Rq2RRoi\r
            From: <sip:alice@example.com>;tag=1\r
            To: <sip:bob@example.com>\r
            Call-ID: c1@192.0.2.80\r
            CSeq: 1 OPTIONS\r
            Max-Forwards: 70\r
            Content-Type: text/plain\r
            Content-Length: 5\r
            \r
            hello""";

    @Test
    void framesMessageSplitAtAnyOffset() {
        byte[] bytes = OPTIONS.getBytes(StandardCharsets.UTF_8);
        SipMessage expected = RoundTripTest.parse(bytes);

        for (int split = 0; split <= bytes.length; split++) {
            StreamFramer framer = new StreamFramer();
            List<SipMessage> messages = new ArrayList<>();

            framer.feed(bytes, 0, split);
            drain(framer, messages);
            framer.feed(bytes, split, bytes.length - split);
            drain(framer, messages);

            assertThat(messages).as("split at %d", split).containsExactly(expected);
            assertThat(framer.state()).isEqualTo(StreamFramer.State.AWAITING_MESSAGE);
        }
    }

    @Test
    void framesTortureMessagesWithKeepAlivesBetween() {
        List<SipMessage> expected = new ArrayList<>();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        for (Path path : TortureMessages.files(TortureMessages.RFC4475)) {
            byte[] bytes = TortureMessages.read(path);
            if (SipParser.parseDatagram(bytes) instanceof MessageParseResult.Parsed parsed
                    && parsed.message().contentLength().isPresent()) {
                expected.add(parsed.message());
                stream.writeBytes(parsed.message().rawBytes().orElseThrow());
                stream.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            }
        }
        byte[] all = stream.toByteArray();

        for (int split = 0; split <= all.length; split += 7) {
            StreamFramer framer = new StreamFramer();
            List<SipMessage> messages = new ArrayList<>();
            framer.feed(all, 0, split);
            drain(framer, messages);
            framer.feed(all, split, all.length - split);
            drain(framer, messages);

            assertThat(messages).as("split at %d", split).isEqualTo(expected);
        }
    }

    @Test
    void framesMessagesFedOneByteAtATime() {
        byte[] bytes = (OPTIONS + "\r\n" + OPTIONS + "\r\n\r\n" + OPTIONS).getBytes(StandardCharsets.UTF_8);
        StreamFramer framer = new StreamFramer();
        List<SipMessage> messages = new ArrayList<>();

        for (int i = 0; i < bytes.length; i++) {
            framer.feed(bytes, i, 1);
            drain(framer, messages);
        }

        assertThat(messages).hasSize(3);
        assertThat(framer.buffered()).isZero();
    }

    @Test
    void waitsForBodyLargerThanReceived() {
        StreamFramer framer = new StreamFramer();
        framer.feed(TortureMessages.read(TortureMessages.RFC4475, "clerr.dat"));

        MessageParseResult result = framer.next();

        assertThat(result).isInstanceOf(MessageParseResult.NeedMoreData.class);
        assertThat(framer.state()).isEqualTo(StreamFramer.State.READING_BODY);
    }

    @Test
    void breaksFramingWithoutContentLength() {
        StreamFramer framer = new StreamFramer();
        framer.feed(OPTIONS.replace("Content-Length: 5\r\n", "").getBytes(StandardCharsets.UTF_8));

        ParseError error = rejection(framer.next());

        assertThat(error.framing()).isTrue();
        assertThat(error.reason()).contains("missing Content-Length");
        assertThat(framer.state()).isEqualTo(StreamFramer.State.BROKEN);
        assertThat(rejection(framer.next()).framing()).isTrue();
    }

    @Test
    void breaksFramingOnConflictingContentLength() {
        StreamFramer framer = new StreamFramer();
        framer.feed(TortureMessages.read(TortureMessages.RFC4475, "mcl01.dat"));

        ParseError error = rejection(framer.next());

        assertThat(error.framing()).isTrue();
        assertThat(error.reason()).contains("conflicting");
    }

    @Test
    void breaksFramingOnNegativeContentLength() {
        StreamFramer framer = new StreamFramer();
        framer.feed(TortureMessages.read(TortureMessages.RFC4475, "ncl.dat"));

        assertThat(rejection(framer.next()).framing()).isTrue();
    }

    @Test
    void breaksFramingOnEndlessHeaderSection() {
        StreamFramer framer = new StreamFramer();
        framer.feed("OPTIONS sip:bob@example.com SIP/2.0\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] header = "X-Filler: some filler text\r\n".getBytes(StandardCharsets.US_ASCII);
        MessageParseResult result = framer.next();
        while (result instanceof MessageParseResult.NeedMoreData) {
            framer.feed(header);
            result = framer.next();
        }

        assertThat(rejection(result).status()).isEqualTo(513);
        assertThat(framer.state()).isEqualTo(StreamFramer.State.BROKEN);
    }

    @Test
    void rejectsBadMessageAndGoesOn() {
        String bad = OPTIONS.replace("CSeq: 1 OPTIONS", "CSeq: 1 INVITE");
        StreamFramer framer = new StreamFramer();
        framer.feed((bad + OPTIONS).getBytes(StandardCharsets.UTF_8));

        ParseError error = rejection(framer.next());
        MessageParseResult next = framer.next();

        assertThat(error.framing()).isFalse();
        assertThat(next).isInstanceOf(MessageParseResult.Parsed.class);
    }

    @Test
    void needsMoreDataAfterKeepAlivesOnly() {
        StreamFramer framer = new StreamFramer();
        framer.feed("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));

        assertThat(framer.next()).isInstanceOf(MessageParseResult.NeedMoreData.class);
        assertThat(framer.buffered()).isZero();
    }

    private static void drain(StreamFramer framer, List<SipMessage> messages) {
        while (true) {
            MessageParseResult result = framer.next();
            if (result instanceof MessageParseResult.Parsed parsed) {
                messages.add(parsed.message());
            } else {
                assertThat(result).as("%s", result).isInstanceOf(MessageParseResult.NeedMoreData.class);
                return;
            }
        }
    }

    private static ParseError rejection(MessageParseResult result) {
        assertThat(result).isInstanceOf(MessageParseResult.Rejected.class);
        return ((MessageParseResult.Rejected) result).error();
    }
}
