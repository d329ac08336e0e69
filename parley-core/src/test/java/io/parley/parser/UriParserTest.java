package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.AbsoluteUri;
import io.parley.message.SipUri;
import io.parley.message.TelUri;
import io.parley.message.Uri;
import org.junit.jupiter.api.Test;

class UriParserTest {

    @Test
    void readsEverySipUriPart() {
        SipUri uri = (SipUri) parse("sips:alice:secret@[2001:db8::10]:5071;transport=tcp;lr?subject=hi%20there&priority=urgent");

        assertThat(uri.secure()).isTrue();
        assertThat(uri.user()).isEqualTo("alice");
        assertThat(uri.password()).isEqualTo("secret");
        assertThat(uri.host()).isEqualTo("[2001:db8::10]");
        assertThat(uri.port()).isEqualTo(5071);
        assertThat(uri.transport()).contains("tcp");
        assertThat(uri.isLooseRouter()).isTrue();
        assertThat(uri.headers()).extracting(p -> p.name()).containsExactly("subject", "priority");
        assertThat(uri.headers().get(0).value()).isEqualTo("hi%20there");
    }

    @Test
    void keepsSemicolonInUserPart() {
        SipUri uri = (SipUri) parse("sip:user;par=u%40example.net@example.com");

        assertThat(uri.user()).isEqualTo("user;par=u%40example.net");
        assertThat(uri.decodedUser()).isEqualTo("user;par=u@example.net");
        assertThat(uri.host()).isEqualTo("example.com");
    }

    @Test
    void readsUserWithoutEscapes() {
        SipUri uri = (SipUri) parse("sip:alice.o'neil-1@example.com;transport=udp");

        assertThat(uri.user()).isEqualTo("alice.o'neil-1");
        assertThat(uri.password()).isEmpty();
        assertThat(uri.host()).isEqualTo("example.com");
    }

    @Test
    void rejectsEmptyUserPart() {
        assertThat(SipParser.parseUri("sip:@example.com")).isInstanceOf(ParseResult.Malformed.class);
    }

    @Test
    void readsTelUri() {
        TelUri uri = (TelUri) parse("tel:+1-201-555-0123;phone-context=example.com");

        assertThat(uri.isGlobal()).isTrue();
        assertThat(uri.number()).isEqualTo("+1-201-555-0123");
        assertThat(uri.parameter("phone-context")).contains("example.com");
    }

    @Test
    void keepsUnknownSchemeOpaque() {
        AbsoluteUri uri = (AbsoluteUri) parse("soap.beep://192.0.2.103:3002");

        assertThat(uri.scheme()).isEqualTo("soap.beep");
        assertThat(uri.schemeSpecificPart()).isEqualTo("//192.0.2.103:3002");
    }

    @Test
    void rejectsIpv6AddressWithoutBrackets() {
        assertThat(SipParser.parseUri("sip:2001:db8::10")).isInstanceOf(ParseResult.Malformed.class);
    }

    @Test
    void rejectsBadEscape() {
        assertThat(SipParser.parseUri("sip:a%4@example.com")).isInstanceOf(ParseResult.Malformed.class);
    }

    @Test
    void rejectsPortAboveRange() {
        assertThat(SipParser.parseUri("sip:example.com:65536")).isInstanceOf(ParseResult.Malformed.class);
    }

    private static Uri parse(String text) {
        ParseResult<Uri> result = SipParser.parseUri(text);
        assertThat(result).as("%s", result).isInstanceOf(ParseResult.Parsed.class);
        Uri uri = ((ParseResult.Parsed<Uri>) result).value();
        assertThat(uri.format()).isEqualTo(text);
        return uri;
    }
}
