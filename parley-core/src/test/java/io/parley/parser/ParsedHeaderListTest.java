package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.message.Header;
import io.parley.message.HeaderList;
import io.parley.message.HeaderName;
import io.parley.message.SipMessage;
import io.parley.message.Via;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Checks the typed list accessors of parsed messages, whose header list records the first position
 * of each indexed name (up to position 252) and whether the name repeats.
 */
class ParsedHeaderListTest {

    private static final ParserLimits MANY_HEADERS = new ParserLimits(65_535, 16_384, 8_192, 400, 4_096);

    private static String request(String... extraLines) {
        StringBuilder text = new StringBuilder("""
                OPTIONS sip:bob@example.com SIP/2.0\r
                Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK1\r
                From: <sip:alice@example.com>;tag=f1\r
                To: <sip:bob@example.com>\r
                Call-ID: c1@example.com\r
                CSeq: 1 OPTIONS\r
                """);
        for (String line : extraLines) {
            text.append(line).append("\r\n");
        }
        return text.append("Content-Length: 0\r\n\r\n").toString();
    }

    private static String[] fillers(int count) {
        String[] lines = new String[count];
        for (int i = 0; i < count; i++) {
            lines[i] = "X-Filler: " + i;
        }
        return lines;
    }

    private static String[] concat(String first, String[] middle, String last) {
        List<String> lines = new ArrayList<>();
        if (first != null) {
            lines.add(first);
        }
        lines.addAll(List.of(middle));
        if (last != null) {
            lines.add(last);
        }
        return lines.toArray(String[]::new);
    }

    private static SipMessage parse(String text) {
        MessageParseResult result = SipParser.parseDatagram(text.getBytes(StandardCharsets.UTF_8), 0,
                text.length(), MANY_HEADERS);
        assertThat(result).isInstanceOf(MessageParseResult.Parsed.class);
        return ((MessageParseResult.Parsed) result).message();
    }

    private static List<String> contactUris(SipMessage message) {
        return message.contacts().stream().map(c -> c.address().uri().toString()).toList();
    }

    @Test
    void contactsIncludeRepeatPastIndexedPositions() {
        SipMessage message = parse(request(concat("Contact: <sip:first@192.0.2.2>", fillers(300),
                "Contact: <sip:last@192.0.2.3>")));

        assertThat(message.headers()).hasSizeGreaterThan(300);
        assertThat(contactUris(message)).containsExactly("sip:first@192.0.2.2", "sip:last@192.0.2.3");
    }

    @Test
    void contactsFindOnlyContactPastIndexedPositions() {
        SipMessage message = parse(request(concat(null, fillers(300), "Contact: <sip:last@192.0.2.3>")));

        assertThat(contactUris(message)).containsExactly("sip:last@192.0.2.3");
    }

    @Test
    void contactsReturnOnlyContactBeforeFillers() {
        SipMessage message = parse(request(concat("Contact: <sip:first@192.0.2.2>;expires=60", fillers(300),
                null)));

        assertThat(message.contacts()).hasSize(1);
        assertThat(message.contacts().get(0).expires()).hasValue(60);
    }

    @Test
    void viasIncludeValuesOfOneLine() {
        SipMessage message = parse(request("Via: SIP/2.0/UDP 192.0.2.5;branch=z9hG4bK5, SIP/2.0/TCP 192.0.2.6"));

        assertThat(message.vias()).extracting(Via::host).containsExactly("192.0.2.1", "192.0.2.5", "192.0.2.6");
        assertThat(message.topVia()).map(Via::host).contains("192.0.2.1");
    }

    @Test
    void contactsIncludeValuesOfOneLine() {
        SipMessage message = parse(request("Contact: <sip:a@192.0.2.2>, <sip:b@192.0.2.3>;q=0.5"));

        assertThat(contactUris(message)).containsExactly("sip:a@192.0.2.2", "sip:b@192.0.2.3");
        assertThat(message.contacts().get(1).q()).contains(0.5);
    }

    @Test
    void parsedHeaderListRejectsAppend() {
        SipMessage message = parse(request("Contact: <sip:a@192.0.2.2>"));
        Header extra = Header.of(HeaderName.CONTACT, "<sip:b@192.0.2.3>");

        assertThat(message.headers()).isInstanceOf(HeaderList.class);
        HeaderList list = (HeaderList) message.headers();
        assertThatThrownBy(() -> list.append(extra)).isInstanceOf(IllegalStateException.class);
        assertThat(contactUris(message)).containsExactly("sip:a@192.0.2.2");
    }
}
