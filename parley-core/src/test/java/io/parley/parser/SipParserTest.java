package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.AuthValue;
import io.parley.message.Contact;
import io.parley.message.HeaderName;
import io.parley.message.Method;
import io.parley.message.NameAddress;
import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.SipUri;
import io.parley.message.Via;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SipParserTest {

    static final String LONG_FORM_401 = """
            SIP/2.0 401 Unauthorized\r
            Via: SIP/2.0/UDP 192.0.2.80:5062;received=192.0.2.80;rport=5062;branch=z9hG4bKkwpQ8Rq2RRoi\r
            From: <sip:alice@example.com>;tag=9fxced76sl\r
            To: <sip:alice@example.com>;tag=1410948204\r
            Call-ID: 3848276298220188511@192.0.2.80\r
            CSeq: 1 REGISTER\r
            WWW-Authenticate: Digest realm="example.com", nonce="ea9c8e88df84f1cec4341ae6cbe5a359", \
            algorithm=MD5, qop="auth"\r
            Content-Length: 0\r
            \r
            """;

    private static final String COMPACT_FORM_401 = """
            SIP/2.0 401 Unauthorized\r
            v: SIP/2.0/UDP 192.0.2.80:5062;received=192.0.2.80;rport=5062;branch=z9hG4bKkwpQ8Rq2RRoi\r
            f: <sip:alice@example.com>;tag=9fxced76sl\r
            t: <sip:alice@example.com>;tag=1410948204\r
            i: 3848276298220188511@192.0.2.80\r
            CSeq: 1 REGISTER\r
            www-authenticate: Digest realm="example.com", nonce="ea9c8e88df84f1cec4341ae6cbe5a359", \
            algorithm=MD5, qop="auth"\r
            l: 0\r
            \r
            """;

    private static final String TWO_VIAS_ONE_LINE = """
            OPTIONS sip:bob@example.com SIP/2.0\r
            Via: SIP/2.0/UDP 192.0.2.80:5062;received=192.0.2.80;rport=5062;branch=z9hG4bKkwpQ8Rq2RRoi,\
            SIP/2.0/TCP 192.0.2.70:5060;branch=z9hG4bK20ede05124e2b786\r
            From: <sip:alice@example.com>;tag=1\r
            To: <sip:bob@example.com>\r
            Call-ID: c1@192.0.2.80\r
            CSeq: 1 OPTIONS\r
            Max-Forwards: 70\r
            Content-Length: 0\r
            \r
            """;

    private static final String TWO_VIA_LINES = """
            OPTIONS sip:bob@example.com SIP/2.0\r
            Via: SIP/2.0/UDP 192.0.2.80:5062;received=192.0.2.80;rport=5062;branch=z9hG4bKkwpQ8Rq2RRoi\r
            Via: SIP/2.0/TCP 192.0.2.70:5060;branch=z9hG4bK20ede05124e2b786\r
            From: <sip:alice@example.com>;tag=1\r
            To: <sip:bob@example.com>\r
            Call-ID: c1@192.0.2.80\r
            CSeq: 1 OPTIONS\r
            Max-Forwards: 70\r
            Content-Length: 0\r
            \r
            """;

    @Test
    void compactFormsParseLikeLongForms() {
        SipMessage compact = parse(COMPACT_FORM_401);
        SipMessage longForm = parse(LONG_FORM_401);

        assertThat(compact).isEqualTo(longForm);
        assertThat(compact.wwwAuthenticate()).hasSize(1);
        assertThat(compact.wwwAuthenticate().get(0).param("nonce")).contains("ea9c8e88df84f1cec4341ae6cbe5a359");
        assertThat(compact.contentLength()).hasValue(0);
    }

    @Test
    void viasOnOneLineEqualViaLines() {
        SipMessage oneLine = parse(TWO_VIAS_ONE_LINE);
        SipMessage twoLines = parse(TWO_VIA_LINES);

        assertThat(oneLine).isEqualTo(twoLines);
        assertThat(oneLine.vias()).hasSize(2);
        Via top = oneLine.topVia().orElseThrow();
        assertThat(top.transport()).isEqualTo("UDP");
        assertThat(top.host()).isEqualTo("192.0.2.80");
        assertThat(top.port()).isEqualTo(5062);
        assertThat(top.branch()).contains("z9hG4bKkwpQ8Rq2RRoi");
        assertThat(top.received()).contains("192.0.2.80");
        assertThat(top.rport()).hasValue(5062);
        assertThat(oneLine.vias().get(1).transport()).isEqualTo("TCP");
    }

    @Test
    void contactDisplayNameWithCommaIsOneValue() {
        SipMessage message = parse(TWO_VIA_LINES.replace("Content-Length: 0\r\n",
                "Contact: \"Watson, Thomas\" <sip:watson@192.0.2.5>;expires=60, <sip:bell@192.0.2.6>\r\nContent-Length: 0\r\n"));

        List<Contact> contacts = message.contacts();

        assertThat(contacts).hasSize(2);
        assertThat(contacts.get(0).address().displayName()).isEqualTo("Watson, Thomas");
        assertThat(contacts.get(0).expires()).hasValue(60);
        assertThat(((SipUri) contacts.get(1).address().uri()).user()).isEqualTo("bell");
    }

    @Test
    void authorizationCommasDoNotSplit() {
        SipMessage message = parse(TWO_VIA_LINES.replace("Content-Length: 0\r\n",
                "Authorization: Digest username=\"alice\", realm=\"example.com\", nonce=\"n1\", "
                        + "uri=\"sip:example.com\", response=\"00\"\r\nContent-Length: 0\r\n"));

        List<AuthValue> credentials = message.authorization();

        assertThat(credentials).hasSize(1);
        assertThat(credentials.get(0).params()).hasSize(5);
        assertThat(message.header(HeaderName.AUTHORIZATION).orElseThrow().toString()).doesNotContain("response=\"00\"");
    }

    @Test
    void rejectsMalformedAuthorization() {
        ParseError error = reject(TWO_VIA_LINES.replace("Content-Length: 0\r\n",
                "Authorization: Digest username=\"alice, realm=\"example.com\"\r\nContent-Length: 0\r\n"));

        assertThat(error.header()).isEqualTo("Authorization");
        assertThat(error.status()).isEqualTo(400);
    }

    @Test
    void rejectsControlCharacterInChallenge() {
        ParseError error = reject(LONG_FORM_401.replace("realm=\"example.com\"", "realm=\"exa\u0001mple.com\""));

        assertThat(error.header()).isEqualTo("WWW-Authenticate");
        assertThat(error.reason()).contains("control character 0x01");
    }

    @Test
    void rejectsRealmGivenTwice() {
        ParseError error = reject(LONG_FORM_401.replace("algorithm=MD5", "realm=\"evil.example\""));

        assertThat(error.header()).isEqualTo("WWW-Authenticate");
        assertThat(error.reason()).contains("'realm' given twice");
    }

    @Test
    void keepsFoldedChallengeValue() {
        SipMessage message = parse(LONG_FORM_401.replace("nonce=\"ea9c", "\r\n nonce=\"ea9c"));

        assertThat(message.wwwAuthenticate()).hasSize(1);
    }

    @Test
    void readsTypedHeadersOfWhitespaceTortureMessage() {
        SipRequest request = (SipRequest) parse(TortureMessages.read(TortureMessages.RFC4475, "wsinv.dat"));

        assertThat(request.maxForwards()).hasValue(68);
        assertThat(request.cseq().sequence()).isEqualTo(9);
        assertThat(request.cseq().method()).isEqualTo(Method.INVITE);
        assertThat(request.to().tag()).contains("1918181833n");
        assertThat(request.from().displayName()).isEqualTo("J Rosenberg \\\"");
        assertThat(request.from().tag()).contains("98asjd8");
        assertThat(request.vias()).extracting(Via::branch).containsExactly(
                java.util.Optional.of("390skdjuw"), java.util.Optional.of("z9hG4bK9ikj8"),
                java.util.Optional.of("z9hG4bK30239"));
        assertThat(request.headerValue(HeaderName.of("UnknownHeaderWithUnusualValue"))).contains(";;,,;;,;");
        assertThat(request.headerValue(HeaderName.of("NewFangledHeader")))
                .contains("newfangled value continued newfangled value");
        assertThat(request.contacts().get(0).q()).contains(0.33);
    }

    @Test
    void keepsEscapesApartFromDecodedUser() {
        SipRequest request = (SipRequest) parse(TortureMessages.read(TortureMessages.RFC4475, "esc01.dat"));

        SipUri requestUri = (SipUri) request.requestUri();

        assertThat(requestUri.user()).isEqualTo("sips%3Auser%40example.com");
        assertThat(requestUri.decodedUser()).isEqualTo("sips:user@example.com");
        assertThat(requestUri.host()).isEqualTo("example.net");
        assertThat(((SipUri) request.to().uri()).decodedUser()).isEqualTo("user");
    }

    @Test
    void keepsEscapedNullsInUser() {
        SipRequest request = (SipRequest) parse(TortureMessages.read(TortureMessages.RFC4475, "escnull.dat"));

        List<String> users = request.contacts().stream()
                .map(contact -> ((SipUri) contact.address().uri()).decodedUser()).toList();

        assertThat(users).hasSize(2).doesNotHaveDuplicates();
        assertThat(users.get(0)).contains("\0");
    }

    @Test
    void treatsEscapedMethodAndHeaderNameAsUnknown() {
        SipRequest request = (SipRequest) parse(TortureMessages.read(TortureMessages.RFC4475, "esc02.dat"));

        assertThat(request.method().name()).isEqualTo("RE%47IST%45R");
        assertThat(request.method().isStandard()).isFalse();
        assertThat(request.contacts()).hasSize(2);
        assertThat(request.to().displayName()).isEqualTo("%Z%45");
    }

    @Test
    void ignoresBytesAfterDeclaredBodyInDatagram() {
        byte[] bytes = TortureMessages.read(TortureMessages.RFC4475, "dblreq.dat");

        MessageParseResult.Parsed parsed = (MessageParseResult.Parsed) SipParser.parseDatagram(bytes);

        assertThat(((SipRequest) parsed.message()).method()).isEqualTo(Method.REGISTER);
        assertThat(parsed.message().bodyLength()).isZero();
        assertThat(parsed.consumed()).isLessThan(bytes.length);
    }

    @Test
    void takesRestOfDatagramWithoutContentLength() {
        byte[] bytes = TortureMessages.read(TortureMessages.RFC4475, "inv2543.dat");

        SipMessage message = parse(bytes);

        assertThat(message.contentLength()).isEmpty();
        assertThat(message.maxForwards()).isEmpty();
        assertThat(new String(message.body(), StandardCharsets.US_ASCII)).startsWith("v=0\r\n").endsWith("\r\n");
    }

    @Test
    void keepsBinaryMultipartBodyExactly() {
        byte[] bytes = TortureMessages.read(TortureMessages.RFC4475, "mpart01.dat");

        SipMessage message = parse(bytes);

        byte[] body = message.body();
        assertThat(body).hasSize((int) message.contentLength().orElseThrow());
        assertThat(java.util.Arrays.copyOfRange(bytes, bytes.length - body.length, bytes.length)).isEqualTo(body);
        assertThat(message.contentType().orElseThrow().mediaType()).isEqualTo("multipart/mixed");
        assertThat(message.contentType().orElseThrow().parameter("boundary")).contains("7a9cbec02ceef655");
    }

    @Test
    void parsesUnknownSchemesAsAbsoluteUris() {
        SipRequest request = (SipRequest) parse(TortureMessages.read(TortureMessages.RFC4475, "unksm2.dat"));

        assertThat(request.to().uri().scheme()).isEqualTo("isbn");
        assertThat(request.from().uri().format()).isEqualTo("http://www.example.com");
        assertThat(request.contacts().get(0).address().uri().format()).isEqualTo("name:John_Smith");
    }

    @Test
    void readsIpv6ReceivedWithAndWithoutBrackets() {
        SipMessage withBrackets = parse(TortureMessages.rfc5118WireBytes(
                TortureMessages.read(TortureMessages.RFC5118, "via-received-param-with-delim.dat")));
        SipMessage withoutBrackets = parse(TortureMessages.rfc5118WireBytes(
                TortureMessages.read(TortureMessages.RFC5118, "via-received-param-no-delim.dat")));

        assertThat(withBrackets.topVia().orElseThrow().received()).contains("[2001:db8::9:255]");
        assertThat(withoutBrackets.topVia().orElseThrow().received()).contains("2001:db8::9:255");
    }

    @Test
    void keepsPortInsideIpv6Brackets() {
        SipRequest request = (SipRequest) parse(TortureMessages.rfc5118WireBytes(
                TortureMessages.read(TortureMessages.RFC5118, "port-ambiguous.dat")));

        SipUri uri = (SipUri) request.requestUri();

        assertThat(uri.host()).isEqualTo("[2001:db8::10:5070]");
        assertThat(uri.port()).isEqualTo(-1);
    }

    @Test
    void reportsHeaderAndOffsetOfBadValue() {
        String text = TWO_VIA_LINES.replace("CSeq: 1 OPTIONS", "CSeq: one OPTIONS");

        ParseError error = reject(text);

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.header()).isEqualTo("CSeq");
        assertThat(error.offset()).isEqualTo(text.indexOf("one"));
        assertThat(error.reasonPhrase()).isEqualTo("Bad CSeq: sequence number is not a decimal number");
    }

    @Test
    void rejectsOtherSipVersionWith505() {
        ParseError error = reject(TWO_VIA_LINES.replace("SIP/2.0\r\nVia", "SIP/3.0\r\nVia"));

        assertThat(error.status()).isEqualTo(505);
    }

    @Test
    void rejectsMissingCallId() {
        ParseError error = reject(TWO_VIA_LINES.replace("Call-ID: c1@192.0.2.80\r\n", ""));

        assertThat(error.header()).isEqualTo("Call-ID");
        assertThat(error.reason()).isEqualTo("missing mandatory header");
    }

    @Test
    void rejectsHeaderLineOverLimit() {
        String longValue = "a".repeat(ParserLimits.DEFAULTS.maxLineLength());
        ParseError error = reject(TWO_VIA_LINES.replace("Content-Length: 0\r\n", "X-Long: " + longValue + "\r\n"));

        assertThat(error.header()).isEqualTo("X-Long");
        assertThat(error.reason()).contains("longer than");
    }

    /**
     * Checks that both line readers allow a header line of maxLineLength bytes with its CRLF and no
     * more. A tab in the value sends the line to the general reader.
     */
    @ParameterizedTest
    @ValueSource(ints = {-1, 0, 1})
    void appliesLineLimitAlikeOnBothReaders(int overLimit) {
        int limit = ParserLimits.DEFAULTS.maxLineLength();
        String prefix = "X-Long: ";
        String filler = "a".repeat(limit + overLimit - prefix.length() - 2);
        String withTab = "\t" + filler.substring(1);
        boolean fits = overLimit <= 0;

        MessageParseResult plain = SipParser.parseDatagram(
                TWO_VIA_LINES.replace("Content-Length: 0\r\n", prefix + filler + "\r\n").getBytes(StandardCharsets.UTF_8));
        MessageParseResult tabbed = SipParser.parseDatagram(
                TWO_VIA_LINES.replace("Content-Length: 0\r\n", prefix + withTab + "\r\n").getBytes(StandardCharsets.UTF_8));

        assertThat(plain instanceof MessageParseResult.Parsed).as("%s", plain).isEqualTo(fits);
        assertThat(tabbed instanceof MessageParseResult.Parsed).as("%s", tabbed).isEqualTo(fits);
    }

    @Test
    void rejectsTooManyHeaders() {
        String many = "Route: <sip:p.example.com;lr>\r\n".repeat(ParserLimits.DEFAULTS.maxHeaderCount());
        ParseError error = reject(TWO_VIA_LINES.replace("Content-Length: 0\r\n", many));

        assertThat(error.reason()).contains("header values");
    }

    @Test
    void rejectsMessageOverSizeLimit() {
        ParserLimits limits = new ParserLimits(512, 512, 256, 32, 128);
        byte[] bytes = TWO_VIA_LINES.replace("Content-Length: 0\r\n", "X-Pad: " + "p".repeat(200) + "\r\n")
                .repeat(2).getBytes(StandardCharsets.UTF_8);

        MessageParseResult result = SipParser.parseDatagram(bytes, 0, bytes.length, limits);

        assertThat(result).isInstanceOf(MessageParseResult.Rejected.class);
        assertThat(((MessageParseResult.Rejected) result).error().status()).isEqualTo(513);
    }

    @Test
    void rejectsLongRequestUriWith414() {
        String uri = "sip:" + "u".repeat(ParserLimits.DEFAULTS.maxUriLength()) + "@example.com";

        ParseError error = reject(TWO_VIA_LINES.replace("OPTIONS sip:bob@example.com", "OPTIONS " + uri));

        assertThat(error.status()).isEqualTo(414);
        assertThat(error.header()).isEmpty();
    }

    @Test
    void rejectsRequestLineWithoutVersion() {
        ParseError error = reject(TortureMessages.read(TortureMessages.RFC4475, "test.dat"));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.reason()).isEqualTo("missing SIP version in request line");
    }

    @Test
    void parsesResponseStatusAndReason() {
        SipResponse response = (SipResponse) parse(LONG_FORM_401);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.reasonPhrase()).isEqualTo("Unauthorized");
        assertThat(response.to().tag()).contains("1410948204");
        assertThat(response.callId()).isEqualTo("3848276298220188511@192.0.2.80");
    }

    @Test
    void keepsAddrSpecParametersOnHeader() {
        SipRequest request = (SipRequest) parse(TortureMessages.read(TortureMessages.RFC4475, "cparam01.dat"));
        NameAddress contact = request.contacts().get(0).address();

        assertThat(contact.parameter("unknownparam")).contains("");
        assertThat(((SipUri) contact.uri()).parameters()).isEmpty();
    }

    @Test
    void keepsBracketedUriParametersOnUri() {
        SipRequest request = (SipRequest) parse(TortureMessages.read(TortureMessages.RFC4475, "cparam02.dat"));
        NameAddress contact = request.contacts().get(0).address();

        assertThat(((SipUri) contact.uri()).hasParameter("unknownparam")).isTrue();
        assertThat(contact.parameters()).extracting(p -> p.name()).doesNotContain("unknownparam");
    }

    /**
     * Each header line of the usual form takes a shorter path than a line with space before its
     * colon, a tab or trailing spaces, so the same headers written both ways must parse alike.
     */
    @ParameterizedTest
    @ValueSource(strings = {" : ", "\t:\t", ":", ":   "})
    void usualAndUnusualLinesParseAlike(String separator) {
        String usual = String.join("\r\n",
                "REGISTER sip:registrar.example.com SIP/2.0",
                "Via: SIP/2.0/UDP 192.0.2.10:5060;rport;branch=z9hG4bK776asdhds",
                "Max-Forwards: 70",
                "From: \"Alice\" <sip:alice@example.com>;tag=a73kszlfl",
                "To: <sip:alice@example.com>",
                "Call-ID: 1j9FpLxk3uxtm8tn@192.0.2.10",
                "CSeq: 2 REGISTER",
                "Contact: <sip:alice@192.0.2.10:5060>;expires=3600",
                "Authorization: Digest username=\"alice\", realm=\"example.com\", nonce=\"ea9c\", uri=\"sip:r\", response=\"dfe5\"",
                "Allow: INVITE, ACK",
                "X-Extension: some value",
                "Content-Length: 0",
                "",
                "");
        int headersStart = usual.indexOf("\r\n") + 2;
        String unusual = usual.substring(0, headersStart) + usual.substring(headersStart)
                .replace(": ", separator).replace("\r\n", "  \r\n").replace("  \r\n  \r\n", "  \r\n\r\n");
        SipMessage expected = parse(usual);

        SipMessage actual = parse(unusual);

        assertThat(actual.headers()).isEqualTo(expected.headers());
        for (int i = 0; i < expected.headers().size(); i++) {
            assertThat(actual.headers().get(i).value()).isEqualTo(expected.headers().get(i).value());
        }
    }

    static SipMessage parse(String text) {
        return parse(text.getBytes(StandardCharsets.UTF_8));
    }

    static SipMessage parse(byte[] bytes) {
        MessageParseResult result = SipParser.parseDatagram(bytes);
        assertThat(result).as("%s", result).isInstanceOf(MessageParseResult.Parsed.class);
        return ((MessageParseResult.Parsed) result).message();
    }

    static ParseError reject(String text) {
        return reject(text.getBytes(StandardCharsets.UTF_8));
    }

    static ParseError reject(byte[] bytes) {
        MessageParseResult result = SipParser.parseDatagram(bytes);
        assertThat(result).isInstanceOf(MessageParseResult.Rejected.class);
        return ((MessageParseResult.Rejected) result).error();
    }
}
