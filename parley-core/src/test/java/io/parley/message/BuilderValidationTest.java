package io.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.parser.MessageParseResult;
import io.parley.parser.SipParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Values that would serialize to a message no parser accepts are rejected when built, with the value named. */
class BuilderValidationTest {

    private static SipRequest.Builder options() {
        return SipRequest.builder(Method.OPTIONS, SipUri.of("bob", "example.com"))
                .via(Via.of("UDP", "192.0.2.10", 5060, "z9hG4bK776asdhds"))
                .from(NameAddress.of(SipUri.of("alice", "example.com")).withTag("1"))
                .to(NameAddress.of(SipUri.of("bob", "example.com")))
                .callId("843817637684230@998sdasdh09")
                .cseq(new CSeq(1, Method.OPTIONS))
                .maxForwards(70);
    }

    @Test
    void callIdRejectsCharactersOutsideWord() {
        for (String callId : List.of("a\tb", "a\0b", "a,b", "a;b", "a@b@c", "@", "a@", "caf\u00e9", "")) {
            assertThatThrownBy(() -> options().callId(callId)).as(callId)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Call-ID '" + callId + "'");
        }
    }

    @Test
    void callIdAcceptsEveryWordCharacter() {
        String callId = "aZ09-.!%*_+`'~()<>:\\\"/[]?{}@host.example.com";

        SipRequest request = options().callId(callId).build();

        assertThat(reparse(request).callId()).isEqualTo(callId);
    }

    @Test
    void sipUriRejectsUnescapedUserCharacters() {
        for (String user : List.of("a b", "a@b", "a:b", "a>b", "a%zz", "a%4", "caf\u00e9")) {
            assertThatThrownBy(() -> SipUri.of(user, "example.com")).as(user)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SIP URI user '" + user + "'");
        }
    }

    @Test
    void sipUriRejectsUnescapedPasswordCharacters() {
        assertThatThrownBy(() -> new SipUri(false, "alice", "p@ss", "example.com", -1, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SIP URI password 'p@ss'");
    }

    @Test
    void sipUriRejectsInvalidHosts() {
        for (String host : List.of("", "a b", "a@b", "a;b", "a>b", "::1", "a:5", "[]", "[::1", "[g::1]")) {
            assertThatThrownBy(() -> SipUri.of("bob", host)).as(host)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("SIP URI host '" + host + "'");
        }
    }

    @Test
    void escapedUserAndBracketedHostRoundTrip() {
        SipUri uri = new SipUri(false, "a%20b;c", "p%40ss", "[2001:db8::1]", 5060, List.of(), List.of());

        SipRequest request = options().to(NameAddress.of(uri)).build();

        assertThat(reparse(request).to().uri()).isEqualTo(uri);
    }

    @Test
    void viaRejectsInvalidHostsAndTransports() {
        assertThatThrownBy(() -> Via.of("UDP", "::1", 5060, "z9hG4bK1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Via sent-by host '::1'");
        assertThatThrownBy(() -> Via.of("UDP", "h x", 5060, "z9hG4bK1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Via sent-by host 'h x'");
        assertThatThrownBy(() -> Via.of("U DP", "h", 5060, "z9hG4bK1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Via sent-protocol 'SIP/2.0/U DP'");
        assertThatThrownBy(() -> Via.of("", "h", 5060, "z9hG4bK1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Via sent-protocol 'SIP/2.0/'");
    }

    @Test
    void viaWithIpv6ReferenceRoundTrips() {
        SipRequest request = options().via(Via.of("TCP", "[::1]", 5060, "z9hG4bK1")).build();

        assertThat(reparse(request).topVia().orElseThrow().host()).isEqualTo("[::1]");
    }

    @Test
    void parameterRejectsBrokenQuotedString() {
        for (String value : List.of("\"a\"b\"", "\"a\\\"", "\"a\rb\"")) {
            assertThatThrownBy(() -> new Parameter("x", value)).as(value)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("value of parameter 'x' is " + value + ", not a quoted-string");
        }
    }

    @Test
    void parameterRejectsUnquotedNonAscii() {
        assertThatThrownBy(() -> new Parameter("x", "caf\u00e9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value of parameter 'x' is 'caf\u00e9'");
    }

    @Test
    void quotedParameterWithEscapesRoundTrips() {
        NameAddress to = NameAddress.of(SipUri.of("bob", "example.com"))
                .withParameter(new Parameter("x", "\"a\\\"b caf\u00e9\""));

        SipRequest request = options().to(to).build();

        assertThat(reparse(request).to().parameter("x")).contains("\"a\\\"b caf\u00e9\"");
    }

    @Test
    void optionTagsMustBeTokens() {
        for (String tag : List.of("a b", "a,b", "")) {
            assertThatThrownBy(() -> options().supported(List.of(tag))).as(tag)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Supported option tag '" + tag + "'");
        }
        assertThatThrownBy(() -> options().require(List.of("100 rel")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Require option tag '100 rel'");
    }

    @Test
    void headerTextRejectsControlCharacters() {
        assertThatThrownBy(() -> options().header(HeaderName.SUBJECT, "a\0b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value of Subject has control character 0x00 at index 1");
        assertThatThrownBy(() -> options().userAgent("agent\u001b[2J"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value of User-Agent has control character 0x1B at index 5");
    }

    @Test
    void headerTextWithTabRoundTrips() {
        SipRequest request = options().header(HeaderName.SUBJECT, "a\tb").build();

        assertThat(reparse(request).headerValue(HeaderName.SUBJECT)).contains("a\tb");
    }

    @Test
    void reasonPhraseRejectsControlCharacters() {
        assertThatThrownBy(() -> SipResponse.builder(200).reasonPhrase("O\0K"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason phrase 'O\0K' has control character 0x00 at index 1");
    }

    @Test
    void warningAgentRejectsWhitespace() {
        assertThatThrownBy(() -> new Warning(399, "host name", "text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warn-agent 'host name'");
        assertThatThrownBy(() -> new Warning(399, "h\u00e9st", "text"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("warn-agent 'h\u00e9st'");
    }

    @Test
    void retryAfterCommentMustBalance() {
        for (String comment : List.of("a)b", "a(b", "a\\", "a\0")) {
            assertThatThrownBy(() -> new RetryAfter(5, comment, List.of())).as(comment)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Retry-After comment '" + comment + "'");
        }
    }

    @Test
    void retryAfterCommentWithEscapesRoundTrips() {
        RetryAfter retryAfter = new RetryAfter(5, "in (about) 5 \\) s", List.of());

        SipRequest request = options().retryAfter(retryAfter).build();

        assertThat(reparse(request).header(HeaderName.RETRY_AFTER).orElseThrow().parsedAs(RetryAfter.class))
                .contains(retryAfter);
    }

    @Test
    void headerTextRejectsSurroundingWhitespace() {
        assertThatThrownBy(() -> options().header(HeaderName.SUBJECT, "  x  "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("value of Subject '  x  ' has leading or trailing whitespace");
    }

    @Test
    void sipUriRejectsUnescapedParameterAndHeaderCharacters() {
        assertThatThrownBy(() -> SipUri.of("bob", "example.com").withParameter(new Parameter("x", "a?b")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SIP URI parameter value 'a?b'");
        assertThatThrownBy(() -> new SipUri(false, "bob", "", "example.com", -1, List.of(),
                List.of(new Parameter("subject", "b&c=d"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SIP URI header value 'b&c=d'");
    }

    @Test
    void escapedUriParameterAndHeaderRoundTrip() {
        List<Parameter> parameters = List.of(new Parameter("x", "a%3Fb"), Parameter.flag("lr"));
        List<Parameter> headers = List.of(new Parameter("subject", "b%26c%3Dd"));
        SipUri uri = new SipUri(false, "bob", "", "example.com", -1, parameters, headers);

        SipRequest request = options().to(NameAddress.of(uri)).build();

        assertThat(reparse(request).to().uri()).isEqualTo(uri);
    }

    @Test
    void viaRejectsEmptyBranch() {
        assertThatThrownBy(() -> Via.of("UDP", "192.0.2.10", 5060, ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Via branch is empty");
    }

    @Test
    void absoluteUriRejectsInvalidSchemeAndText() {
        assertThatThrownBy(() -> new AbsoluteUri("ht tp", "//example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("URI scheme 'ht tp'");
        assertThatThrownBy(() -> new AbsoluteUri("http", "//x y>"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("URI 'http://x y>'");
        assertThatThrownBy(() -> new AbsoluteUri("urn", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("URI 'urn:' is empty after the scheme");
    }

    @Test
    void absoluteUriRoundTrips() {
        AbsoluteUri uri = new AbsoluteUri("http", "//example.com/a%20b?c=d;e#f");

        SipRequest request = options().to(NameAddress.of(uri)).build();

        assertThat(reparse(request).to().uri()).isEqualTo(uri);
    }

    private static SipMessage reparse(SipMessage message) {
        MessageParseResult result = SipParser.parseDatagram(MessageWriter.write(message));
        assertThat(result).as("%s", result).isInstanceOf(MessageParseResult.Parsed.class);
        SipMessage parsed = ((MessageParseResult.Parsed) result).message();
        assertThat(parsed).isEqualTo(message);
        return parsed;
    }
}
