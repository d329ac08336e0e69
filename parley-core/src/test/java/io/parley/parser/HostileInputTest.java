package io.parley.parser;

import static io.parley.parser.SipParserTest.parse;
import static io.parley.parser.SipParserTest.reject;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.Header;
import io.parley.message.HeaderName;
import io.parley.message.MessageWriter;
import io.parley.message.RetryAfter;
import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Hand-made hostile messages: each is rejected with a reason that names the fault, or parses and round-trips. */
class HostileInputTest {

    static final String OPTIONS = """
            OPTIONS sip:bob@example.com SIP/2.0\r
            Via: SIP/2.0/UDP 192.0.2.80:5062;branch=z9hG4bKkwpQ8Rq2RRoi\r
            From: <sip:alice@example.com>;tag=1\r
            To: <sip:bob@example.com>\r
            Call-ID: c1@192.0.2.80\r
            CSeq: 1 OPTIONS\r
            Max-Forwards: 70\r
            Content-Length: 0\r
            \r
            """;

    private static final String OK = """
            SIP/2.0 200 OK\r
            Via: SIP/2.0/UDP 192.0.2.80:5062;branch=z9hG4bKkwpQ8Rq2RRoi\r
            From: <sip:alice@example.com>;tag=1\r
            To: <sip:bob@example.com>;tag=2\r
            Call-ID: c1@192.0.2.80\r
            CSeq: 1 OPTIONS\r
            Content-Length: 0\r
            \r
            """;

    private static String withHeader(String line) {
        return OPTIONS.replace("Content-Length: 0\r\n", line + "\r\nContent-Length: 0\r\n");
    }

    @Test
    void rejectsBareCarriageReturnInValue() {
        // A bare CR would end the line for a lenient peer, which then reads an injected header.
        String text = withHeader("Subject: hello\rEvil: injected");

        ParseError error = reject(text);

        assertThat(error.header()).isEqualTo("Subject");
        assertThat(error.offset()).isEqualTo(text.indexOf('\r', text.indexOf("hello")));
        assertThat(error.reason()).isEqualTo("control character 0x0D in value");
    }

    @Test
    void rejectsNulOutsideQuotedPair() {
        String text = withHeader("X-Note: a\0b");

        ParseError error = reject(text);

        assertThat(error.header()).isEqualTo("X-Note");
        assertThat(error.offset()).isEqualTo(text.indexOf('\0'));
        assertThat(error.reason()).isEqualTo("control character 0x00 in value");
    }

    @Test
    void rejectsEscapeCharacterInValue() {
        ParseError error = reject(withHeader("Subject: \u001b[2Jred"));

        assertThat(error.reason()).isEqualTo("control character 0x1B in value");
    }

    @Test
    void acceptsControlCharactersInQuotedPairs() {
        // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F), RFC 3261 section 25.1.
        SipMessage message = parse(OPTIONS.replace("To: <sip", "To: \"a\\\0b\\\u007f\" <sip"));

        assertThat(message.header(HeaderName.TO).orElseThrow().value()).startsWith("\"a\\\0b\\\u007f\"");
    }

    @Test
    void acceptsFoldedValueWithTab() {
        SipMessage message = parse(withHeader("Subject: first\r\n\tsecond"));

        assertThat(message.header(HeaderName.SUBJECT).orElseThrow().value()).isEqualTo("first second");
    }

    @Test
    void rejectsEscapedControlCharacterInAuthParam() {
        // RFC 3261 quoted-pair allows it elsewhere, but a username or realm is echoed into the next
        // request, so authentication headers carry no control character at all.
        String text = withHeader("Authorization: Digest username=\"a\\\u0001b\", realm=\"r\", "
                + "nonce=\"n\", uri=\"sip:bob@example.com\", response=\"00\"");

        MessageParseResult result = SipParser.parseDatagram(text.getBytes(StandardCharsets.UTF_8));

        assertThat(result).isInstanceOf(MessageParseResult.Rejected.class);
        assertThat(((MessageParseResult.Rejected) result).error().header()).isEqualTo("Authorization");
    }

    @Test
    void retryAfterCommentWithFoldAndQuotedPairParses() {
        for (String comment : List.of("(a\r\n b)", "(a\"\\\u0001\"b)")) {
            SipMessage message = parse(withHeader("Retry-After: 5 " + comment));

            assertThat(parse(MessageWriter.write(message))).as(comment).isEqualTo(message);
        }
    }

    @Test
    void retryAfterCommentReadsFoldAsSpace() {
        SipMessage message = parse(withHeader("Retry-After: 5 (a\r\n b)"));

        RetryAfter value = message.retryAfter().orElseThrow();

        assertThat(value.comment()).isEqualTo("a b");
        assertThat(message.header(HeaderName.RETRY_AFTER).orElseThrow().canonicalValue()).isEqualTo("5 (a b)");
        assertThat(Header.typed(HeaderName.RETRY_AFTER, value).value()).isEqualTo("5 (a b)");
    }

    @Test
    void rejectsQuotedPairOfLineBreakInComment() {
        String text = withHeader("Retry-After: 5 (a\\\r\n b)");

        ParseError error = reject(text);

        assertThat(error.header()).isEqualTo("Retry-After");
        assertThat(error.offset()).isEqualTo(text.indexOf('\\'));
        assertThat(error.reason()).isEqualTo("quoted-pair of CR or LF");
    }

    @Test
    void rejectsNonAsciiWarnAgent() {
        String text = withHeader("Warning: 399 h\u00e9st \"text\"");

        ParseError error = reject(text);

        assertThat(error.header()).isEqualTo("Warning");
        assertThat(error.offset()).isEqualTo(text.indexOf("\u00e9"));
        assertThat(error.reason()).isEqualTo("warn-agent is not a host or token");
    }

    @Test
    void rejectsControlCharacterInReasonPhrase() {
        String text = OK.replace("200 OK\r\n", "200 O\0K\r\n");

        ParseError error = reject(text);

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.offset()).isEqualTo(text.indexOf('\0'));
        assertThat(error.reason()).isEqualTo("control character 0x00 in reason phrase");
    }

    @Test
    void rejectsReasonPhraseEndingInCr() {
        ParseError error = reject(OK.replace("200 OK\r\n", "200 OK\r\r\n"));

        assertThat(error.reason()).isEqualTo("control character 0x0D in reason phrase");
    }

    @Test
    void acceptsTabInReasonPhrase() {
        SipMessage message = parse(OK.replace("200 OK\r\n", "200 O\tK\r\n"));

        assertThat(SipParserTest.parse(MessageWriter.write(message))).isEqualTo(message);
    }

    @Test
    void numbersAcceptManyLeadingZeros() {
        String zeros = "0".repeat(40);
        String text = OPTIONS.replace("Content-Length: 0", "Content-Length: " + zeros)
                .replace("CSeq: 1 OPTIONS", "CSeq: " + zeros + "7 OPTIONS")
                .replace("Max-Forwards: 70", "Max-Forwards: " + zeros + "70")
                .replace("sip:bob@example.com SIP", "sip:bob@example.com:" + zeros + "5060 SIP")
                .replace("192.0.2.80:5062", "192.0.2.80:" + zeros + "5062")
                .replace("Content-Length", "Contact: <sip:a@192.0.2.80>;expires=" + zeros + "3600\r\nContent-Length");

        SipMessage message = parse(text);

        assertThat(message.contentLength()).hasValue(0);
        assertThat(message.cseq().sequence()).isEqualTo(7);
        assertThat(message.maxForwards()).hasValue(70);
        assertThat(((SipRequest) message).requestUri()).hasFieldOrPropertyWithValue("port", 5060);
        assertThat(message.topVia().orElseThrow().port()).isEqualTo(5062);
        assertThat(message.contacts().get(0).expires()).hasValue(3600);
    }

    @Test
    void streamFramesContentLengthWithLeadingZeros() {
        StreamFramer framer = new StreamFramer();
        framer.feed(OPTIONS.replace("Content-Length: 0", "Content-Length: " + "0".repeat(40) + "4")
                .concat("body").getBytes(StandardCharsets.UTF_8));

        MessageParseResult result = framer.next();

        assertThat(result).isInstanceOf(MessageParseResult.Parsed.class);
        assertThat(((MessageParseResult.Parsed) result).message().bodyLength()).isEqualTo(4);
    }

    @Test
    void rejectsNineteenSignificantDigits() {
        ParseError error = reject(OPTIONS.replace("Content-Length: 0", "Content-Length: 00" + "9".repeat(19)));

        assertThat(error.header()).isEqualTo("Content-Length");
        assertThat(error.reason()).isEqualTo("Content-Length is larger than 2147483647");
    }

    @Test
    void rejectsEmptyAddressAsMissing() {
        String[] lines = {"Contact:", "Contact:   ", "Route: ,", "Record-Route: , <sip:p.example.com;lr>"};
        for (String line : lines) {
            ParseError error = reject(withHeader(line));

            assertThat(error.reason()).as(line).isEqualTo("missing address");
        }
        ParseError to = reject(OPTIONS.replace("To: <sip:bob@example.com>", "To:"));

        assertThat(to.header()).isEqualTo("To");
        assertThat(to.reason()).isEqualTo("missing address");
    }

    @Test
    void rejectsRequestLineWithOnlyMethod() {
        ParseError error = reject(OPTIONS.replace("OPTIONS sip:bob@example.com SIP/2.0", "OPTIONS"));

        assertThat(error.offset()).isEqualTo("OPTIONS".length());
        assertThat(error.reason()).isEqualTo("missing Request-URI after method");
    }

    @Test
    void longHeaderNameKeepsReasonInPhrase() {
        String name = "X-" + "a".repeat(200);

        ParseError error = reject(withHeader(name + " x"));

        assertThat(error.header()).isEqualTo(name);
        assertThat(error.reasonPhrase()).endsWith(": missing ':' after header name");
        assertThat(error.reasonPhrase()).startsWith("Bad X-aaa");
    }

    /**
     * The value types check their parts when constructed, and the parser builds them too, so every
     * message the parser accepts must pass those checks and rebuild through its builder.
     */
    @Test
    void acceptedMutationsRebuildThroughBuilders() {
        byte[] marks = ",;:\"<>[]@%\\ \t\r\n=?&/()\0\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        Random random = new Random(3261L);
        List<byte[]> corpus = new ArrayList<>();
        for (Path path : TortureMessages.files(TortureMessages.RFC4475)) {
            corpus.add(TortureMessages.read(path));
        }
        for (byte[] original : corpus) {
            for (int i = 0; i < 300; i++) {
                byte[] mutated = original.clone();
                for (int edit = 0; edit < 3; edit++) {
                    mutated[random.nextInt(mutated.length)] = marks[random.nextInt(marks.length)];
                }

                MessageParseResult result = SipParser.parseDatagram(mutated);

                if (result instanceof MessageParseResult.Parsed parsed && parsed.message().maxForwards().isPresent()) {
                    SipMessage message = parsed.message();
                    SipMessage rebuilt = message instanceof SipRequest request
                            ? request.toBuilder().build() : ((SipResponse) message).toBuilder().build();
                    assertThat(parse(MessageWriter.write(rebuilt))).isEqualTo(rebuilt);
                }
            }
        }
    }
}
