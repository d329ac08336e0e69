package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ParserLimitsTest {

    private static final ParserLimits LARGEST = new ParserLimits(Integer.MAX_VALUE, Integer.MAX_VALUE,
            Integer.MAX_VALUE, 256, 4_096);

    private static final byte[] REGISTER = String.join("\r\n",
            "REGISTER sip:registrar.example.com SIP/2.0",
            "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds",
            "From: <sip:alice@example.com>;tag=a73kszlfl",
            "To: <sip:alice@example.com>",
            "Call-ID: 1j9FpLxk3uxtm8tn@192.0.2.10",
            "CSeq: 2 REGISTER",
            "Content-Length: 0",
            "",
            "").getBytes(StandardCharsets.US_ASCII);

    @Test
    void rejectsHeaderSectionLargerThanMessage() {
        assertThatThrownBy(() -> new ParserLimits(208, 805, 186, 13, 72))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxHeaderSectionSize 805 is larger than maxMessageSize 208; lower it or raise maxMessageSize");
    }

    @Test
    void largestLimitsParseDatagram() {
        MessageParseResult result = SipParser.parseDatagram(REGISTER, 0, REGISTER.length, LARGEST);

        assertThat(result).as("%s", result).isInstanceOf(MessageParseResult.Parsed.class);
    }

    @Test
    void largestLimitsFrameStream() {
        StreamFramer framer = new StreamFramer(LARGEST);
        framer.feed(REGISTER);

        MessageParseResult result = framer.next();

        assertThat(result).as("%s", result).isInstanceOf(MessageParseResult.Parsed.class);
    }

    @Test
    void endStopsAtLimitWithoutOverflow() {
        assertThat(ParserLimits.end(10, Integer.MAX_VALUE, 100)).isEqualTo(100);
        assertThat(ParserLimits.end(10, 20, 100)).isEqualTo(30);
        assertThat(ParserLimits.end(10, 90, 100)).isEqualTo(100);
    }
}
