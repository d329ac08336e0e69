package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.ContentType;
import io.parley.message.Header;
import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The first write of a parsed message, which copies received bytes where they are canonical,
 * gives the same bytes as formatting every header through {@link Header#canonicalValue()}.
 */
class CanonicalWriteTest {

    private static final String CRLF = "\r\n";

    static Stream<Arguments> acceptedTortureMessages() {
        return TortureMessages.acceptedByParser();
    }

    /** Messages with the spellings that the copying paths must tell apart from canonical text. */
    static Stream<Arguments> oddlyWrittenMessages() {
        return Stream.of(
                Arguments.of("folded and oddly spaced headers", request(
                        "Via: SIP/2.0/UDP  host.example.com:5060 ;\r\n  branch = z9hG4bK1 ; rport",
                        "From:\r\n \"Alice\"\t<sip:alice@example.com> ; tag = 1",
                        "To: <sip:bob@example.com>",
                        "Subject: first line\r\n\tsecond   line \r\n  third",
                        "X-Spaced:   a   b  ")),
                Arguments.of("compact names", request(
                        "v: SIP/2.0/TCP [2001:db8::1]:5061;branch=z9hG4bKc",
                        "f: Bob <sip:bob@[2001:db8::2]>;tag=x",
                        "t: sip:carol@example.com",
                        "m: <sips:carol@192.0.2.1;transport=tls>;expires=60, *",
                        "k: timer,  100rel , replaces",
                        "c: text/plain ; charset = utf-8")),
                Arguments.of("quoted display names with escapes", request(
                        "From: \"A \\\"quoted\\\" \\\\ name\\q\" <sip:a@example.com>;tag=1",
                        "To: \"\" <sip:b@example.com>",
                        "Contact: \"Folded\r\n  name\" <sip:c@example.com>, Token  Name <sip:d@example.com>",
                        "Route: \"\u00e9t\u00e9 \u6f22\" <sip:r@example.com;lr>")),
                Arguments.of("URIs with escapes, passwords and headers", request(
                        "From: <sip:%61lice:pa%73s@example.com:5070;user=phone;x=%41?subject=hi&priority=urgent>;tag=2",
                        "To: <sips:bob@example.com;maddr=[2001:db8::9]>",
                        "Contact: <sip:host.example.com;lr;ttl=3>;q=0.5;param=\"quoted ; value\"",
                        "Record-Route: <tel:+1-555-0100;ext=12>")),
                Arguments.of("auth headers written canonically", request(
                        "Authorization: Digest username=\"alice\", realm=\"example.com\", nonce=\"a\\\"b\\\\c\","
                                + " uri=\"sip:example.com\", response=\"0123\", algorithm=MD5, qop=auth, nc=00000001",
                        "Proxy-Authorization: Bearer abc.def-ghi==",
                        "Allow: INVITE, ACK, BYE",
                        "Supported: ",
                        "Content-Type: application/sdp;level=1;flag")),
                Arguments.of("auth headers with odd spacing", request(
                        "Authorization: Digest   username = \"alice\" ,realm=\"example.com\",,nonce=\"n\",\r\n uri=sip:x@y",
                        "Proxy-Authorization: Digest username=\"a\\b\", realm=\"r\"",
                        "Allow: INVITE,ACK ,BYE",
                        "Require: foo,\r\n bar",
                        "Content-Type: multipart/mixed; boundary=\"x y\"")),
                Arguments.of("challenge and authentication info", response(
                        "WWW-Authenticate: Digest realm=\"example.com\", nonce=\"1\", stale=FALSE, qop=\"auth,auth-int\"",
                        "Proxy-Authenticate: Digest realm=\"r\",  nonce=\"2\"",
                        "WWW-Authenticate: Digest realm=\"tab\tinside\", nonce=\"3\"",
                        "Authentication-Info: nextnonce=\"47364c23432d2e131a5fb210812c\", qop=auth",
                        "Unsupported: a, b")),
                Arguments.of("non-UTF-8 and non-ASCII bytes", latin1Request(
                        "User-Agent: caf\u00e9 \u00ff\u00fe",
                        "From: \"Caf\u00e9\" <sip:a@example.com>;tag=1;x=\"\u00e9\"",
                        "Subject: ok",
                        "Authorization: Digest username=\"caf\u00e9\", realm=\"r\"",
                        "X-Folded: \u00e9\r\n \u00e9")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedTortureMessages")
    void tortureMessageWritesAsFormatted(String name, byte[] bytes) {
        // Some accepted torture messages lack headers that building a request requires, so none is rebuilt.
        assertWritesAsFormatted(name, bytes, false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oddlyWrittenMessages")
    void oddlyWrittenMessageWritesAsFormatted(String name, byte[] bytes) {
        assertWritesAsFormatted(name, bytes, true);
    }

    @Test
    void generatedMessagesWriteAsFormatted() {
        Random random = new Random(20261205L);
        MessageGenerator generator = new MessageGenerator(random);
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = generator.next().toBytes();

            assertWritesAsFormatted("generated message " + i, bytes, true);
        }
    }

    /**
     * Respaces generated messages as a peer may: each space in a header value may become several
     * spaces, a tab or a line fold, and spaces may appear around ';', '=' and ','. Many variants no
     * longer parse, and every one that does must still write as formatted.
     */
    @Test
    void respacedMessagesWriteAsFormatted() {
        Random random = new Random(5118L);
        MessageGenerator generator = new MessageGenerator(random);
        int parsed = 0;
        for (int i = 0; i < 2_000; i++) {
            byte[] bytes = respace(generator.next().toBytes(), random);
            if (SipParser.parseDatagram(bytes) instanceof MessageParseResult.Parsed) {
                assertWritesAsFormatted("respaced message " + i, bytes, true);
                parsed++;
            }
        }

        assertThat(parsed).as("respaced messages that parse").isGreaterThan(500);
    }

    @Test
    void writeAfterReadingValuesWritesAsFormatted() {
        byte[] bytes = request(
                "From: \"Alice\" <sip:alice@example.com>;tag=1",
                "Authorization: Digest username=\"alice\", realm=\"r\", nonce=\"n\"",
                "Allow: INVITE, ACK",
                "Content-Type: application/sdp");
        SipMessage message = parse(bytes);
        for (Header header : message.headers()) {
            header.parsedAs(Object.class);
        }
        message.headers().get(1).canonicalValue();

        assertThat(text(message.toBytes())).isEqualTo(text(formatted(parse(bytes))));
    }

    /** A body larger than the array a thread keeps between writes, then a small message on the same thread. */
    @Test
    void largeMessageThenSmallWriteAsFormatted() {
        SipRequest large = ((SipRequest) parse(request("Subject: large"))).toBuilder()
                .body(ContentType.of("text", "plain"), "x".repeat(100_000).getBytes(StandardCharsets.UTF_8))
                .build();

        byte[] written = large.toBytes();

        assertThat(written).isEqualTo(formatted(large));
        assertWritesAsFormatted("small message", request("Subject: small"), true);
    }

    @Test
    void writeOnVirtualThreadWritesAsFormatted() throws InterruptedException {
        byte[] bytes = request("Subject: virtual", "Allow: INVITE, ACK");
        byte[][] written = new byte[1][];

        Thread.ofVirtual().start(() -> written[0] = parse(bytes).toBytes()).join();

        assertThat(written[0]).isEqualTo(formatted(parse(bytes)));
    }

    @Test
    void secondWriteEqualsFirst() {
        SipMessage message = parse(request(
                "Authorization: Digest username=\"alice\", realm=\"r\", nonce=\"n\"",
                "Supported: timer"));

        byte[] first = message.toBytes();

        assertThat(message.toBytes()).isEqualTo(first);
    }

    /**
     * Writes a fresh parse, and with {@code rebuild} a fresh parse rebuilt through its builder, and
     * compares both with another parse formatted through canonicalValue().
     */
    private static void assertWritesAsFormatted(String name, byte[] bytes, boolean rebuild) {
        byte[] expected = formatted(parse(bytes));

        byte[] written = parse(bytes).toBytes();

        assertThat(text(written)).as("%s, written", name).isEqualTo(text(expected));
        assertThat(written).as("%s, written bytes", name).isEqualTo(expected);
        if (rebuild) {
            assertThat(rebuild(parse(bytes)).toBytes()).as("%s, rebuilt and written", name).isEqualTo(expected);
        }
    }

    /** Returns the reference form: the message with every header written through its canonical value. */
    private static byte[] formatted(SipMessage message) {
        StringBuilder head = new StringBuilder();
        switch (message) {
            case SipRequest request -> head.append(request.method().name()).append(' ')
                    .append(request.requestUri().format()).append(' ').append(SipMessage.SIP_VERSION);
            case SipResponse response -> head.append(SipMessage.SIP_VERSION).append(' ')
                    .append(response.statusCode()).append(' ').append(response.reasonPhrase());
        }
        head.append(CRLF);
        for (Header header : message.headers()) {
            head.append(header.name().name()).append(": ").append(header.canonicalValue()).append(CRLF);
        }
        head.append(CRLF);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(message.body());
        return out.toByteArray();
    }

    private static SipMessage rebuild(SipMessage message) {
        return switch (message) {
            case SipRequest request -> request.toBuilder().build();
            case SipResponse response -> response.toBuilder().build();
        };
    }

    private static byte[] respace(byte[] bytes, Random random) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int headEnd = text.indexOf(CRLF + CRLF);
        int firstLineEnd = text.indexOf(CRLF);
        StringBuilder out = new StringBuilder(text.length() + 64).append(text, 0, firstLineEnd + 2);
        for (int i = firstLineEnd + 2; i < headEnd; i++) {
            char c = text.charAt(i);
            boolean inValue = text.lastIndexOf(':', i) > text.lastIndexOf('\n', i);
            if (inValue && c == ' ' && random.nextInt(3) == 0) {
                out.append(new String[] {"  ", "\t", "\r\n ", " \r\n\t "}[random.nextInt(4)]);
            } else if (inValue && (c == ';' || c == '=' || c == ',') && random.nextInt(4) == 0) {
                out.append(' ').append(c).append(random.nextBoolean() ? " " : "\r\n\t");
            } else {
                out.append(c);
            }
        }
        out.append(text, headEnd, text.length());
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] request(String... headers) {
        return message("OPTIONS sip:bob@example.com SIP/2.0", headers).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] response(String... headers) {
        return message("SIP/2.0 401 Unauthorized", headers).getBytes(StandardCharsets.UTF_8);
    }

    /** Returns a request written as ISO-8859-1, so that its non-ASCII characters become bytes that are not UTF-8. */
    private static byte[] latin1Request(String... headers) {
        return message("OPTIONS sip:bob@example.com SIP/2.0", headers).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String message(String startLine, String... headers) {
        StringBuilder text = new StringBuilder(startLine).append(CRLF);
        boolean hasVia = false;
        for (String header : headers) {
            hasVia |= header.startsWith("Via:") || header.startsWith("v:");
        }
        if (!hasVia) {
            text.append("Via: SIP/2.0/UDP 192.0.2.1;branch=z9hG4bKw").append(CRLF);
        }
        for (String header : headers) {
            text.append(header).append(CRLF);
        }
        appendIfMissing(text, headers, "From", "From: <sip:a@example.com>;tag=f");
        appendIfMissing(text, headers, "To", "To: <sip:b@example.com>");
        text.append("Call-ID: write-test@192.0.2.1").append(CRLF);
        text.append("CSeq: 7 OPTIONS").append(CRLF);
        text.append("Max-Forwards: 70").append(CRLF);
        text.append("Content-Length: 0").append(CRLF).append(CRLF);
        return text.toString();
    }

    private static void appendIfMissing(StringBuilder text, String[] headers, String name, String line) {
        for (String header : headers) {
            if (header.startsWith(name + ":") || header.startsWith(name.substring(0, 1).toLowerCase() + ":")) {
                return;
            }
        }
        text.append(line).append(CRLF);
    }

    private static SipMessage parse(byte[] bytes) {
        MessageParseResult result = SipParser.parseDatagram(bytes);
        assertThat(result).as("%s", result).isInstanceOf(MessageParseResult.Parsed.class);
        return ((MessageParseResult.Parsed) result).message();
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
