package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.message.Header;
import io.parley.message.HeaderName;
import io.parley.message.MalformedHeaderException;
import io.parley.message.SipMessage;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link HeaderChecks#CORE} checks the core headers during the parse and the others when read, and
 * agrees with {@link HeaderChecks#ALL} on every message once all headers are read.
 */
class HeaderChecksTest {

    private static final String OPTIONS = HostileInputTest.OPTIONS;

    /** Full names of the headers that {@link HeaderChecks#CORE} checks when read. */
    private static final Set<String> CHECKED_WHEN_READ = Set.of("Max-Forwards", "Expires", "Min-Expires", "Content-Type", "Allow",
            "Supported", "Require", "Proxy-Require", "Unsupported", "Warning", "Retry-After", "WWW-Authenticate",
            "Proxy-Authenticate", "Authorization", "Proxy-Authorization", "Authentication-Info");

    /** Returns the OPTIONS with {@code line} added, in place of its own Max-Forwards for a Max-Forwards line. */
    private static String withHeader(String line) {
        String options = line.startsWith("Max-Forwards:") ? OPTIONS.replace("Max-Forwards: 70\r\n", "") : OPTIONS;
        return options.replace("Content-Length: 0\r\n", line + "\r\nContent-Length: 0\r\n");
    }

    static Stream<Arguments> malformedCheckedWhenRead() {
        return Stream.of(
                row(HeaderName.MAX_FORWARDS, "Max-Forwards: 300", SipMessage::maxForwards),
                row(HeaderName.EXPIRES, "Expires: soon", SipMessage::expires),
                row(HeaderName.MIN_EXPIRES, "Min-Expires: 99999999999", SipMessage::minExpires),
                row(HeaderName.CONTENT_TYPE, "Content-Type: text", SipMessage::contentType),
                row(HeaderName.CONTENT_TYPE, "c: text/", SipMessage::contentType),
                row(HeaderName.ALLOW, "Allow: INVITE ACK", SipMessage::allow),
                row(HeaderName.SUPPORTED, "Supported: timer;x", SipMessage::supported),
                row(HeaderName.REQUIRE, "Require: @", SipMessage::require),
                row(HeaderName.PROXY_REQUIRE, "Proxy-Require: a b", SipMessage::proxyRequire),
                row(HeaderName.UNSUPPORTED, "Unsupported: a=b", SipMessage::unsupported),
                row(HeaderName.WARNING, "Warning: 99 host \"text\"", SipMessage::warnings),
                row(HeaderName.RETRY_AFTER, "Retry-After: soon", SipMessage::retryAfter),
                row(HeaderName.AUTHORIZATION, "Authorization: Digest username=\"alice\" realm=\"r\"",
                        SipMessage::authorization),
                row(HeaderName.PROXY_AUTHORIZATION, "Proxy-Authorization: Digest realm=\"r\", realm=\"s\"",
                        SipMessage::proxyAuthorization),
                row(HeaderName.WWW_AUTHENTICATE, "WWW-Authenticate: Digest nonce=\"n", SipMessage::wwwAuthenticate),
                row(HeaderName.PROXY_AUTHENTICATE, "Proxy-Authenticate: Digest a=b c=d", SipMessage::proxyAuthenticate),
                row(HeaderName.AUTHENTICATION_INFO, "Authentication-Info: nextnonce", SipMessage::authenticationInfo));
    }

    private static Arguments row(HeaderName name, String line, Function<SipMessage, Object> accessor) {
        return Arguments.of(name, line, accessor);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformedCheckedWhenRead")
    void malformedHeaderFailsWhenRead(HeaderName name, String line, Function<SipMessage, Object> accessor) {
        byte[] bytes = withHeader(line).getBytes(StandardCharsets.UTF_8);
        ParseError allError = reject(SipParser.parseDatagram(bytes, HeaderChecks.ALL));

        SipMessage message = parsed(SipParser.parseDatagram(bytes, HeaderChecks.CORE));

        assertThat(allError.header()).isEqualTo(name.name());
        assertThat(message.header(name).orElseThrow().isMalformed()).isTrue();
        assertThatThrownBy(() -> accessor.apply(message))
                .isInstanceOfSatisfying(MalformedHeaderException.class, e -> {
                    assertThat(e.header()).isEqualTo(name);
                    assertThat(e.offset()).isEqualTo(allError.offset());
                    assertThat(e.reason()).isEqualTo(allError.reason());
                    assertThat(e.reasonPhrase()).isEqualTo(allError.reasonPhrase());
                });
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformedCheckedWhenRead")
    void malformedHeaderIsWrittenAsReceived(HeaderName name, String line, Function<SipMessage, Object> accessor) {
        SipMessage message = parsed(SipParser.parseDatagram(withHeader(line).getBytes(StandardCharsets.UTF_8),
                HeaderChecks.CORE));
        String value = line.substring(line.indexOf(':') + 1).strip();

        String written = new String(message.toBytes(), StandardCharsets.UTF_8);

        assertThat(message.header(name).orElseThrow().value()).isEqualTo(value);
        assertThat(message.header(name).orElseThrow().canonicalValue()).isEqualTo(value);
        assertThat(written).contains(name.name() + ": " + value + "\r\n");
        assertThat(parsed(SipParser.parseDatagram(message.toBytes(), HeaderChecks.CORE))).isEqualTo(message);
    }

    /**
     * Folded values that {@link HeaderChecks#ALL} rejects: a backslash before a line fold inside a
     * quoted string is a quoted-pair of CR, which RFC 3261 section 25.1 excludes, although the
     * unfolded text reads as a quoted-pair of SP.
     */
    static Stream<String> malformedFoldedValues() {
        return Stream.of(
                "Warning: 399 example.com \"a\\\r\n b\"",
                "Content-Type: text/plain;name=\"a\\\r\n b\"",
                "Authorization: Digest username=\"a\\\r\n b\", realm=\"r\"",
                "Authentication-Info: nextnonce=\"a\\\r\n b\"",
                "Expires: 6\r\n 0",
                "Allow: INVITE,\r\n\tACK BYE");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedFoldedValues")
    void malformedFoldedValueFailsWhenRead(String line) {
        byte[] bytes = withHeader(line).getBytes(StandardCharsets.UTF_8);
        ParseError allError = reject(SipParser.parseDatagram(bytes, HeaderChecks.ALL));

        SipMessage message = parsed(SipParser.parseDatagram(bytes, HeaderChecks.CORE));

        Header malformed = firstMalformed(message);
        assertThat(malformed).isNotNull();
        assertThat(malformed.name().name()).isEqualTo(allError.header());
        MalformedHeaderException failure = readFailure(malformed);
        assertThat(failure.reason()).isEqualTo(allError.reason());
        assertThat(failure.offset()).isEqualTo(allError.offset());
    }

    @Test
    void malformedCredentialsAreHiddenInToString() {
        String line = "Authorization: Digest username=\"alice\", response=\"6629fae49393a05397450978507c4ef1\" x";
        SipMessage message = parsed(SipParser.parseDatagram(withHeader(line).getBytes(StandardCharsets.UTF_8),
                HeaderChecks.CORE));

        String text = message.header(HeaderName.AUTHORIZATION).orElseThrow().toString();

        assertThat(text).isEqualTo("Authorization: (malformed, not shown)");
    }

    static Stream<String> malformedCoreHeaders() {
        return Stream.of(
                "Via: SIP/2.0/UDP 192.0.2.81;branch=z9hG4bK2;rport=x",
                "Route: <sip:proxy.example.com;lr",
                "Record-Route: sip:proxy.example.com, <>",
                "Contact: <sip:alice@192.0.2.80>;expires=soon",
                "Content-Length: 12 0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedCoreHeaders")
    void coreHeaderIsCheckedDuringParse(String line) {
        byte[] bytes = withHeader(line).getBytes(StandardCharsets.UTF_8);
        ParseError allError = reject(SipParser.parseDatagram(bytes, HeaderChecks.ALL));

        ParseError coreError = reject(SipParser.parseDatagram(bytes, HeaderChecks.CORE));

        assertThat(coreError).isEqualTo(allError);
        assertThat(coreError.header()).isEqualTo(line.substring(0, line.indexOf(':')));
    }

    @Test
    void repeatedSingleHeaderIsRejectedDuringParse() {
        byte[] bytes = withHeader("Expires: 60\r\nExpires: soon").getBytes(StandardCharsets.UTF_8);

        ParseError error = reject(SipParser.parseDatagram(bytes, HeaderChecks.CORE));

        assertThat(error.header()).isEqualTo("Expires");
        assertThat(error.reason()).isEqualTo("more than one Expires header");
    }

    @Test
    void wellFormedHeadersReadAlikeInBothModes() {
        byte[] bytes = withHeader(String.join("\r\n",
                "Expires: 3600",
                "Content-Type: application/sdp;charset=\"utf-8\"",
                "Allow: INVITE, ACK, X-CUSTOM",
                "Supported: timer, path",
                "Require: 100rel",
                "Warning: 399 example.com \"text\"",
                "Retry-After: 18000 (lunch);duration=3600",
                "Authorization: Digest username=\"alice\", realm=\"r\", nonce=\"n\", uri=\"sip:bob@example.com\","
                        + "\r\n response=\"00\"",
                "Authentication-Info: nextnonce=\"n2\", qop=auth")).getBytes(StandardCharsets.UTF_8);
        SipMessage all = parsed(SipParser.parseDatagram(bytes, HeaderChecks.ALL));

        SipMessage core = parsed(SipParser.parseDatagram(bytes, HeaderChecks.CORE));

        assertThat(core).isEqualTo(all);
        assertThat(core.expires()).isEqualTo(all.expires());
        assertThat(core.contentType()).isEqualTo(all.contentType());
        assertThat(core.allow()).isEqualTo(all.allow());
        assertThat(core.supported()).isEqualTo(all.supported());
        assertThat(core.require()).isEqualTo(all.require());
        assertThat(core.warnings()).isEqualTo(all.warnings());
        assertThat(core.retryAfter()).isEqualTo(all.retryAfter());
        assertThat(core.authorization()).isEqualTo(all.authorization());
        assertThat(core.authenticationInfo()).isEqualTo(all.authenticationInfo());
        assertThat(core.toBytes()).isEqualTo(all.toBytes());
    }

    @Test
    void mutatedMessagesAgreeWithAllChecks() {
        Random random = new Random(3261L);
        List<byte[]> corpus = MalformedInputTest.corpus();
        for (byte[] original : corpus) {
            assertAgree(original);
            for (int i = 0; i < 300; i++) {
                assertAgree(MalformedInputTest.mutate(original, random));
            }
        }
    }

    @Test
    void mutatedCredentialsAgreeWithAllChecks() {
        Random random = new Random(2617L);
        byte[] original = withHeader(String.join("\r\n",
                "Authorization: Digest username=\"a\\\"b\", realm=\"r\", nonce=\"n\", uri=\"sip:x\", response=\"00\","
                        + " qop=auth, nc=00000001, cnonce=\"c\"",
                "Authentication-Info: nextnonce=\"n2\", qop=auth",
                "Expires: 60",
                "Allow: INVITE, ACK",
                "Content-Type: text/plain;charset=utf-8",
                "Warning: 399 example.com \"text\"")).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 20_000; i++) {
            assertAgree(MalformedInputTest.mutate(original, random));
        }
    }

    @Test
    void foldedMutationsAgreeWithAllChecks() {
        Random random = new Random(7317L);
        byte[] original = withHeader(String.join("\r\n",
                "Authorization: Digest username=\"a\\\"b\", realm=\"r\", nonce=\"n\", uri=\"sip:x\", response=\"00\"",
                "Expires: 60",
                "Supported: timer, path",
                "Content-Type: text/plain;charset=\"utf-8\"",
                "Warning: 399 example.com \"a \\\" b\"",
                "Retry-After: 5 (a \\( b);duration=60")).getBytes(StandardCharsets.UTF_8);
        int sectionStart = withHeader("").indexOf("Max-Forwards");
        for (int i = 0; i < 20_000; i++) {
            byte[] input = MalformedInputTest.mutate(original, random);
            int at = sectionStart + random.nextInt(input.length - sectionStart);
            String fold = random.nextBoolean() ? "\r\n " : "\r\n\t";
            assertAgree(insertAt(input, at, fold.getBytes(StandardCharsets.US_ASCII)));
        }
    }

    private static byte[] insertAt(byte[] bytes, int at, byte[] inserted) {
        byte[] result = new byte[bytes.length + inserted.length];
        System.arraycopy(bytes, 0, result, 0, at);
        System.arraycopy(inserted, 0, result, at, inserted.length);
        System.arraycopy(bytes, at, result, at + inserted.length, bytes.length - at);
        return result;
    }

    /**
     * Checks that {@code input} gets the same verdict with both settings once every header of the
     * {@link HeaderChecks#CORE} message is read: the same message, the same error, or for an error in
     * a header checked when read, the same header and reason from the first malformed header.
     */
    private static void assertAgree(byte[] input) {
        String inputText = new String(input, StandardCharsets.ISO_8859_1);
        MessageParseResult all = SipParser.parseDatagram(input, HeaderChecks.ALL);
        MessageParseResult core = SipParser.parseDatagram(input, HeaderChecks.CORE);

        if (all instanceof MessageParseResult.Parsed allParsed) {
            assertThat(core).as(inputText).isInstanceOf(MessageParseResult.Parsed.class);
            SipMessage message = ((MessageParseResult.Parsed) core).message();
            assertThat(firstMalformed(message)).as(inputText).isNull();
            assertThat(message).as(inputText).isEqualTo(allParsed.message());
            return;
        }
        ParseError allError = ((MessageParseResult.Rejected) all).error();
        if (core instanceof MessageParseResult.Rejected coreRejected) {
            // Another error comes from a later header line or from the message as a whole, such as
            // a missing mandatory header, which the malformed header hid from ALL.
            if (!coreRejected.error().equals(allError)) {
                assertThat(CHECKED_WHEN_READ).as(inputText).contains(allError.header());
            }
            return;
        }
        assertThat(core).as(inputText).isInstanceOf(MessageParseResult.Parsed.class);
        assertThat(CHECKED_WHEN_READ).as(inputText).contains(allError.header());
        Header malformed = firstMalformed(((MessageParseResult.Parsed) core).message());
        assertThat(malformed).as(inputText).isNotNull();
        assertThat(malformed.name().name()).as(inputText).isEqualTo(allError.header());
        MalformedHeaderException failure = readFailure(malformed);
        if (isPlainAscii(malformed.value())) {
            assertThat(failure.reason()).as(inputText).isEqualTo(allError.reason());
            assertThat(failure.offset()).as(inputText).isEqualTo(allError.offset());
        }
    }

    private static Header firstMalformed(SipMessage message) {
        for (Header header : message.headers()) {
            if (header.isMalformed()) {
                return header;
            }
        }
        return null;
    }

    private static MalformedHeaderException readFailure(Header header) {
        try {
            header.parsedAs(Object.class);
        } catch (MalformedHeaderException e) {
            return e;
        }
        throw new AssertionError(header + " read without a failure");
    }

    /** Returns whether the value is printable ASCII, which a decoder reads at the same offsets as received. */
    private static boolean isPlainAscii(String value) {
        return value.chars().allMatch(c -> c >= 0x20 && c < 0x7F);
    }

    private static SipMessage parsed(MessageParseResult result) {
        assertThat(result).as("%s", result).isInstanceOf(MessageParseResult.Parsed.class);
        return ((MessageParseResult.Parsed) result).message();
    }

    private static ParseError reject(MessageParseResult result) {
        assertThat(result).as("%s", result).isInstanceOf(MessageParseResult.Rejected.class);
        return ((MessageParseResult.Rejected) result).error();
    }
}
