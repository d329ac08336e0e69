package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Header lines that the usual-line path in {@link HeaderSection} reads: each must give the same
 * headers, errors and limits as the general header line reader.
 */
class PlainLineTest {

    private static final String OPTIONS = """
            OPTIONS sip:b@x SIP/2.0\r
            Via: SIP/2.0/UDP h;branch=z9hG4bK1\r
            From: <sip:a@x>;tag=1\r
            To: <sip:b@x>\r
            Call-ID: c1\r
            CSeq: 1 OPTIONS\r
            Content-Length: 0\r
            \r
            """;

    private static MessageParseResult parse(String text, ParserLimits limits) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        return SipParser.parseDatagram(bytes, 0, bytes.length, limits);
    }

    private static ParserLimits lineLimit(int maxLineLength) {
        return new ParserLimits(65_535, 16_384, maxLineLength, 256, 4_096);
    }

    private static String withFirstHeader(String line) {
        return OPTIONS.replace("Via:", line + "\r\nVia:");
    }

    @Test
    void acceptsLineOfExactlyMaxLength() {
        String line = "X-Pad: " + "p".repeat(64 - "X-Pad: \r\n".length());

        MessageParseResult result = parse(withFirstHeader(line), lineLimit(64));

        assertThat(result).as("%s", result).isInstanceOf(MessageParseResult.Parsed.class);
    }

    @Test
    void rejectsLineOneByteOverMaxLength() {
        String line = "X-Pad: " + "p".repeat(65 - "X-Pad: \r\n".length());
        String text = withFirstHeader(line);

        MessageParseResult result = parse(text, lineLimit(64));

        assertThat(result).isInstanceOf(MessageParseResult.Rejected.class);
        ParseError error = ((MessageParseResult.Rejected) result).error();
        assertThat(error.header()).isEqualTo("X-Pad");
        assertThat(error.offset()).isEqualTo(text.indexOf("X-Pad"));
        assertThat(error.reason()).isEqualTo("header line longer than 64 bytes");
    }

    @Test
    void rejectsEmptyValueAfterNameOverMaxLength() {
        String name = "X-" + "n".repeat(40);
        String text = withFirstHeader(name + ":");

        MessageParseResult result = parse(text, lineLimit(36));

        assertThat(result).isInstanceOf(MessageParseResult.Rejected.class);
        ParseError error = ((MessageParseResult.Rejected) result).error();
        assertThat(error.header()).isEqualTo(name);
        assertThat(error.offset()).isEqualTo(text.indexOf(name));
        assertThat(error.reason()).isEqualTo("header line longer than 36 bytes");
    }
}
