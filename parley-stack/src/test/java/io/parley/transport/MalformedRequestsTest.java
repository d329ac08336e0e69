package io.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.SipResponse;
import io.parley.parser.ParseError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MalformedRequestsTest {

    private static final ParseError BAD_EXPIRES = new ParseError(400, "Expires", 120, "not a number", false);

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void errorResponseCopiesCompactHeaders() {
        String request = "OPTIONS sip:127.0.0.1 SIP/2.0\r\n"
                + "v: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKcompact\r\n"
                + "f: <sip:a@127.0.0.1>;tag=1\r\n"
                + "t: <sip:b@127.0.0.1>\r\n"
                + "i: compact-call\r\n"
                + "CSeq: 4 OPTIONS\r\n"
                + "Expires: soon\r\n"
                + "\r\n";

        SipResponse response = MalformedRequests.errorResponse(bytes(request), BAD_EXPIRES).orElseThrow();

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.reasonPhrase()).isEqualTo("Bad Expires: not a number");
        assertThat(response.callId()).isEqualTo("compact-call");
        assertThat(response.topVia().orElseThrow().branch()).contains("z9hG4bKcompact");
        assertThat(response.cseq().sequence()).isEqualTo(4);
        assertThat(response.to().tag()).isPresent();
    }

    @Test
    void errorResponseKeepsFoldedViaLine() {
        String request = "OPTIONS sip:127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070\r\n ;branch=z9hG4bKfolded\r\n"
                + "From: <sip:a@127.0.0.1>;tag=1\r\n"
                + "To: <sip:b@127.0.0.1>;tag=2\r\n"
                + "Call-ID: folded-call\r\n"
                + "CSeq: 4 OPTIONS\r\n"
                + "\r\n";

        SipResponse response = MalformedRequests.errorResponse(bytes(request), BAD_EXPIRES).orElseThrow();

        assertThat(response.topVia().orElseThrow().branch()).contains("z9hG4bKfolded");
        assertThat(response.to().tag()).contains("2");
    }

    @Test
    void errorResponseKeepsParserStatus() {
        String request = "OPTIONS sip:127.0.0.1 SIP/3.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKversion\r\n"
                + "From: <sip:a@127.0.0.1>;tag=1\r\n"
                + "To: <sip:b@127.0.0.1>\r\n"
                + "Call-ID: version-call\r\n"
                + "CSeq: 4 OPTIONS\r\n"
                + "\r\n";
        ParseError version = new ParseError(505, "", 22, "SIP version SIP/3.0 not supported; use SIP/2.0", false);

        SipResponse response = MalformedRequests.errorResponse(bytes(request), version).orElseThrow();

        assertThat(response.statusCode()).isEqualTo(505);
    }

    @Test
    void noErrorResponseWithoutCallId() {
        String request = "OPTIONS sip:127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bKnocall\r\n"
                + "From: <sip:a@127.0.0.1>;tag=1\r\n"
                + "To: <sip:b@127.0.0.1>\r\n"
                + "CSeq: 4 OPTIONS\r\n"
                + "\r\n";

        assertThat(MalformedRequests.errorResponse(bytes(request), BAD_EXPIRES)).isEmpty();
    }

    @Test
    void responsesAndKeepAlivesAreNotRequests() {
        assertThat(MalformedRequests.looksLikeRequest(bytes("SIP/2.0 200 OK\r\n"))).isFalse();
        assertThat(MalformedRequests.looksLikeRequest(bytes("sip/2.0 200 OK\r\n"))).isFalse();
        assertThat(MalformedRequests.looksLikeRequest(bytes("\r\n\r\n"))).isFalse();
        assertThat(MalformedRequests.looksLikeRequest(bytes("\r\nOPTIONS sip:x SIP/2.0\r\n"))).isTrue();
    }
}
