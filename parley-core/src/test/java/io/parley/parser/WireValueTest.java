package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.Contact;
import io.parley.message.ContentType;
import io.parley.message.HeaderName;
import io.parley.message.NameAddress;
import io.parley.message.Parameter;
import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipUri;
import io.parley.message.Uri;
import io.parley.message.Via;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the Via, address and SIP URI values that the parser creates from offsets into the
 * received bytes: each equals the value built with the public constructors from the same
 * components, and the components are those written in the message.
 */
class WireValueTest {

    static Stream<Arguments> acceptedTortureMessages() {
        List<Arguments> messages = new ArrayList<>();
        for (Path path : TortureMessages.files(TortureMessages.RFC4475)) {
            addIfAccepted(messages, path, TortureMessages.read(path));
        }
        for (Path path : TortureMessages.files(TortureMessages.RFC5118)) {
            addIfAccepted(messages, path, TortureMessages.rfc5118WireBytes(TortureMessages.read(path)));
        }
        return messages.stream();
    }

    private static void addIfAccepted(List<Arguments> messages, Path path, byte[] bytes) {
        if (SipParser.parseDatagram(bytes) instanceof MessageParseResult.Parsed parsed) {
            messages.add(Arguments.of(path.getFileName().toString(), parsed.message()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedTortureMessages")
    void tortureValuesEqualBuiltValues(String file, SipMessage message) {
        for (Via via : message.vias()) {
            assertSameAsBuilt(via, rebuild(via));
            assertThat(via.branch()).isEqualTo(rebuild(via).branch());
        }
        assertSameAsBuilt(message.from(), rebuild(message.from()));
        assertSameAsBuilt(message.to(), rebuild(message.to()));
        assertThat(message.from().tag()).isEqualTo(rebuild(message.from()).tag());
        assertThat(message.to().tag()).isEqualTo(rebuild(message.to()).tag());
        for (Contact contact : message.contacts()) {
            if (!contact.isWildcard()) {
                assertSameAsBuilt(contact.address(), rebuild(contact.address()));
            }
        }
        for (NameAddress route : message.recordRoutes()) {
            assertSameAsBuilt(route, rebuild(route));
        }
        if (message instanceof SipRequest request && request.requestUri() instanceof SipUri uri) {
            assertSameAsBuilt(uri, rebuild(uri));
        }
    }

    @Test
    void viaReadsComponentsAroundWhitespace() {
        Via via = SipParserTest.parse(request("Via: SIP / 2.0 / UDP  host.example.com : 5070 ; BRANCH = z9hG4bK1 ;"
                + " note=\"a b\" ;rport")).topVia().orElseThrow();

        assertThat(via.host()).isEqualTo("host.example.com");
        assertThat(via.port()).isEqualTo(5070);
        assertThat(via.branch()).contains("z9hG4bK1");
        assertThat(via.parameter("Note")).contains("\"a b\"");
        assertThat(via.hasRport()).isTrue();
        assertThat(via.rport()).isEmpty();
        assertThat(via.parameters()).containsExactly(new Parameter("BRANCH", "z9hG4bK1"),
                new Parameter("note", "\"a b\""), Parameter.flag("rport"));
        assertThat(via.format()).isEqualTo("SIP/2.0/UDP host.example.com:5070;BRANCH=z9hG4bK1;note=\"a b\";rport");
    }

    @ParameterizedTest
    @CsvSource({
        "SIP/2.0/UDP,   SIP, 2.0, UDP",
        "SIP/2.0/TLS,   SIP, 2.0, TLS",
        "SIP/2.0/TCP,   SIP, 2.0, TCP",
        "sip/2.0/udp,   sip, 2.0, udp",
        "SIP/2.0/UDPX,  SIP, 2.0, UDPX",
        "SIP/2.0/SCTP,  SIP, 2.0, SCTP",
        "SIP/2.1/UDP,   SIP, 2.1, UDP",
        "SIP/2.0/UD,    SIP, 2.0, UD"
    })
    void viaReadsSentProtocol(String sentProtocol, String name, String version, String transport) {
        Via via = SipParserTest.parse(request("Via: " + sentProtocol + " host.example.com;branch=z9hG4bK1"))
                .topVia().orElseThrow();

        assertThat(via.protocolName()).isEqualTo(name);
        assertThat(via.protocolVersion()).isEqualTo(version);
        assertThat(via.transport()).isEqualTo(transport);
        assertThat(via.host()).isEqualTo("host.example.com");
    }

    @Test
    void viaRejectsSentProtocolWithoutSpace() {
        ParseError error = SipParserTest.reject(request("Via: SIP/2.0/UDP;branch=z9hG4bK1"));

        assertThat(error.header()).isEqualTo("Via");
        assertThat(error.reason()).isEqualTo("missing space before sent-by");
    }

    @Test
    void viaReadsIpv6HostAndReceived() {
        Via via = SipParserTest.parse(request("Via: SIP/2.0/UDP [2001:db8::9:1];branch=z9hG4bK1;received=2001:db8::9:255"))
                .topVia().orElseThrow();

        assertThat(via.host()).isEqualTo("[2001:db8::9:1]");
        assertThat(via.port()).isEqualTo(-1);
        assertThat(via.received()).contains("2001:db8::9:255");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "From: <sip:a@example.com>;tag=9fx                | 9fx",
        "From: <sip:a@example.com>;TAG=9fx                | 9fx",
        "From: <sip:a@example.com> ; tag = 9fx ; x=1       | 9fx",
        "From: <sip:a@example.com>;x=1;tag=9fx;tag=other  | 9fx",
        "From: <sip:a@example.com>;tagged=1;tag=9fx       | 9fx",
        "From: <sip:a@example.com>;tag=\"a b\"           | \"a b\"",
        "From: sip:a@example.com;tag=9fx                  | 9fx"
    })
    void addressReadsTag(String header, String tag) {
        NameAddress from = SipParserTest.parse(request(header)).from();

        assertThat(from.tag()).contains(tag);
        assertThat(from.tag()).isEqualTo(rebuild(from).tag());
    }

    @Test
    void addressWithoutTagHasNone() {
        NameAddress to = SipParserTest.parse(request("To: <sip:b@example.com>;tagx=1")).to();

        assertThat(to.tag()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1          | z9hG4bK1",
        "Via: SIP/2.0/UDP h.example.com;rport;Branch=z9hG4bK1    | z9hG4bK1",
        "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK1;branch=2 | z9hG4bK1"
    })
    void viaReadsBranch(String header, String branch) {
        Via via = SipParserTest.parse(request(header)).topVia().orElseThrow();

        assertThat(via.branch()).contains(branch);
        assertThat(via.branch()).isEqualTo(rebuild(via).branch());
    }

    @Test
    void viaWithoutBranchHasNone() {
        Via via = SipParserTest.parse(request("Via: SIP/2.0/UDP h.example.com;branches=1")).topVia().orElseThrow();

        assertThat(via.branch()).isEmpty();
    }

    @Test
    void addressDecodesQuotedDisplayName() {
        NameAddress from = SipParserTest.parse(request("From: \"A \\\"quoted\\\" \\\\ name\" <sip:a@example.com>;tag=1"))
                .from();

        assertThat(from.displayName()).isEqualTo("A \"quoted\" \\ name");
        assertThat(from.tag()).contains("1");
    }

    @Test
    void addressReadsFoldedDisplayNameAsOneSpace() {
        NameAddress from = SipParserTest.parse(request("From: \"Folded\r\n   name\" <sip:a@example.com>;tag=1")).from();

        assertThat(from.displayName()).isEqualTo("Folded name");
    }

    @Test
    void addressJoinsTokenDisplayNameWithOneSpace() {
        NameAddress from = SipParserTest.parse(request("From: Bob   the\r\n Builder <sip:b@example.com> ;tag=2")).from();

        assertThat(from.displayName()).isEqualTo("Bob the Builder");
        assertThat(from.parameters()).containsExactly(new Parameter("tag", "2"));
    }

    @Test
    void addressKeepsQuotedParameterValueUnfolded() {
        NameAddress from = SipParserTest.parse(request("From: <sip:a@example.com>;tag=1;note=\"two\r\n lines\"")).from();

        assertThat(from.parameter("NOTE")).contains("\"two lines\"");
        assertThat(from.format()).isEqualTo("<sip:a@example.com>;tag=1;note=\"two lines\"");
    }

    @Test
    void addrSpecHasNoDisplayName() {
        NameAddress from = SipParserTest.parse(request("From: sip:a@example.com;tag=3")).from();

        assertThat(from.displayName()).isEmpty();
        assertThat(from.uri()).isEqualTo(SipUri.of("a", "example.com"));
        assertThat(from.tag()).contains("3");
    }

    @Test
    void sipUriReadsEveryComponent() {
        NameAddress contact = SipParserTest.parse(request(
                "Contact: <sips:%61lice:pa%73s@[2001:db8::1]:5061;transport=tcp;lr;maddr=192.0.2.1?subject=hi&empty=>"))
                .contacts().get(0).address();
        SipUri uri = (SipUri) contact.uri();

        assertThat(uri.secure()).isTrue();
        assertThat(uri.user()).isEqualTo("%61lice");
        assertThat(uri.decodedUser()).isEqualTo("alice");
        assertThat(uri.password()).isEqualTo("pa%73s");
        assertThat(uri.host()).isEqualTo("[2001:db8::1]");
        assertThat(uri.port()).isEqualTo(5061);
        assertThat(uri.transport()).contains("tcp");
        assertThat(uri.isLooseRouter()).isTrue();
        assertThat(uri.parameter("MADDR")).contains("192.0.2.1");
        assertThat(uri.parameters()).containsExactly(new Parameter("transport", "tcp"), Parameter.flag("lr"),
                new Parameter("maddr", "192.0.2.1"));
        assertThat(uri.headers()).containsExactly(new Parameter("subject", "hi"), new Parameter("empty", ""));
        assertThat(uri.format()).isEqualTo("sips:%61lice:pa%73s@[2001:db8::1]:5061;transport=tcp;lr;maddr=192.0.2.1"
                + "?subject=hi&empty=");
    }

    @Test
    void sipUriWithoutUserinfo() {
        SipRequest request = (SipRequest) SipParserTest.parse(request("Max-Forwards: 70"));
        SipUri uri = (SipUri) request.requestUri();

        assertThat(uri.user()).isEmpty();
        assertThat(uri.password()).isEmpty();
        assertThat(uri.host()).isEqualTo("registrar.example.com");
        assertThat(uri.parameters()).isEmpty();
        assertThat(uri.headers()).isEmpty();
    }

    @Test
    void withMethodsCopyParsedComponents() {
        SipMessage message = SipParserTest.parse(request("Max-Forwards: 70"));

        Via via = message.topVia().orElseThrow().withReceived("192.0.2.7");
        NameAddress to = message.to().withTag("t1");

        assertThat(via.format()).isEqualTo("SIP/2.0/UDP client.example.com:5060;branch=z9hG4bK74bf9;received=192.0.2.7");
        assertThat(to.format()).isEqualTo("\"Bob\" <sip:bob@example.com>;tag=t1");
    }

    @Test
    void contentTypeDecodesOnRead() {
        ContentType type = SipParserTest.parse(request("Content-Type: application / sdp ; charset = \"utf-8\";level=1"))
                .contentType().orElseThrow();

        assertThat(type).isEqualTo(new ContentType("application", "sdp",
                List.of(new Parameter("charset", "\"utf-8\""), new Parameter("level", "1"))));
    }

    @ParameterizedTest
    @MethodSource("malformedContentTypes")
    void contentTypeRejectedAtParse(String value, String reason) {
        ParseError error = SipParserTest.reject(request("Content-Type: " + value));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.header()).isEqualTo("Content-Type");
        assertThat(error.reason()).isEqualTo(reason);
    }

    static Stream<Arguments> malformedContentTypes() {
        return Stream.of(
                Arguments.of("application", "missing '/' in media type"),
                Arguments.of("/sdp", "missing media type"),
                Arguments.of("application/", "missing media subtype"),
                Arguments.of("application/sdp;", "missing parameter name after ';'"),
                Arguments.of("application/sdp;a=", "missing value of parameter 'a'"),
                Arguments.of("application/sdp, text/plain", "unexpected ',' in media type"));
    }

    @Test
    void typedValuesReadSameAfterWriting() {
        SipMessage message = SipParserTest.parse(request("Content-Type: application/sdp"));
        Via via = message.topVia().orElseThrow();
        ContentType type = message.contentType().orElseThrow();

        byte[] first = message.toBytes();
        byte[] second = message.toBytes();

        assertThat(second).isEqualTo(first);
        assertThat(message.topVia()).containsSame(via);
        assertThat(message.contentType()).containsSame(type);
        assertThat(message.from().tag()).contains("9fxced76sl");
        assertThat(message.header(HeaderName.VIA).orElseThrow().canonicalValue())
                .isEqualTo(via.format());
    }

    private static void assertSameAsBuilt(Object parsed, Object built) {
        assertThat(parsed).isEqualTo(built);
        assertThat(built).isEqualTo(parsed);
        assertThat(parsed.hashCode()).isEqualTo(built.hashCode());
        assertThat(parsed.toString()).isEqualTo(built.toString());
    }

    private static Via rebuild(Via via) {
        return new Via(via.protocolName(), via.protocolVersion(), via.transport(), via.host(), via.port(),
                via.parameters());
    }

    private static NameAddress rebuild(NameAddress address) {
        Uri uri = address.uri() instanceof SipUri sipUri ? rebuild(sipUri) : address.uri();
        return new NameAddress(address.displayName(), uri, address.parameters());
    }

    private static SipUri rebuild(SipUri uri) {
        return new SipUri(uri.secure(), uri.user(), uri.password(), uri.host(), uri.port(), uri.parameters(),
                uri.headers());
    }

    /** Returns a REGISTER whose headers are the defaults with {@code header} added or replacing one of its name. */
    private static String request(String header) {
        String name = header.substring(0, header.indexOf(':'));
        List<String> lines = new ArrayList<>(List.of(
                "Via: SIP/2.0/UDP client.example.com:5060;branch=z9hG4bK74bf9",
                "Max-Forwards: 70",
                "From: \"Alice\" <sip:alice@example.com>;tag=9fxced76sl",
                "To: \"Bob\" <sip:bob@example.com>",
                "Call-ID: 3848276298220188511@client.example.com",
                "CSeq: 1 REGISTER",
                "Contact: <sip:alice@client.example.com>"));
        lines.removeIf(line -> line.startsWith(name + ":"));
        lines.add(header);
        return "REGISTER sip:registrar.example.com SIP/2.0\r\n" + String.join("\r\n", lines)
                + "\r\nContent-Length: 0\r\n\r\n";
    }
}
