package io.parley.transport;

import io.parley.message.SipMessage;
import io.parley.message.SipResponse;
import io.parley.parser.MessageParseResult;
import io.parley.parser.ParseError;
import io.parley.parser.SipParser;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the error response to a request the parser rejected, such as {@code 400 Bad Via: missing
 * sent-by host}. The response copies the Via, From, To, Call-ID and CSeq lines of the request
 * (RFC 3261 section 8.2.6.2), so it is possible only when those lines themselves parse.
 */
final class MalformedRequests {

    /** Full and compact names of the headers a response copies from its request. */
    private static final Set<String> COPIED = Set.of("via", "v", "from", "f", "to", "t", "call-id", "i", "cseq");

    private static final SecureRandom RANDOM = new SecureRandom();

    private MalformedRequests() {
    }

    /** Returns whether the input looks like a request rather than a response or keep-alive noise. */
    static boolean looksLikeRequest(byte[] bytes) {
        int start = 0;
        while (start < bytes.length && (bytes[start] == '\r' || bytes[start] == '\n')) {
            start++;
        }
        if (start == bytes.length) {
            return false;
        }
        String head = new String(bytes, start, Math.min(4, bytes.length - start), StandardCharsets.US_ASCII);
        return !head.toUpperCase(Locale.ROOT).startsWith("SIP/");
    }

    /**
     * Returns the error response for a rejected request, or empty when its Via, From, To, Call-ID
     * or CSeq is unusable. NOTE: the parser returns no headers with a rejection, so this parses the
     * copied header lines again as a skeleton response.
     */
    static Optional<SipResponse> errorResponse(byte[] request, ParseError error) {
        byte[] skeleton = skeletonResponse(request);
        MessageParseResult result = SipParser.parseDatagram(skeleton);
        if (!(result instanceof MessageParseResult.Parsed parsed)
                || !(parsed.message() instanceof SipResponse response)) {
            return Optional.empty();
        }
        SipResponse.Builder builder = response.toBuilder().status(error.status()).reasonPhrase(error.reasonPhrase());
        if (response.to().tag().isEmpty()) {
            builder.toTag(newTag());
        }
        return Optional.of(builder.build());
    }

    /** Returns a status line, the copied header lines of {@code request}, and an empty body. */
    private static byte[] skeletonResponse(byte[] request) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        out.writeBytes((SipMessage.SIP_VERSION + " 400 Bad Request\r\n").getBytes(StandardCharsets.US_ASCII));
        int lineStart = skipFirstLine(request);
        boolean copying = false;
        while (lineStart < request.length) {
            int lineEnd = lineStart;
            while (lineEnd < request.length && request[lineEnd] != '\n') {
                lineEnd++;
            }
            int contentEnd = lineEnd > lineStart && request[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            if (contentEnd == lineStart) {
                break; // The empty line that ends the header section.
            }
            boolean continuation = request[lineStart] == ' ' || request[lineStart] == '\t';
            copying = continuation ? copying : COPIED.contains(headerName(request, lineStart, contentEnd));
            if (copying) {
                out.write(request, lineStart, contentEnd - lineStart);
                out.writeBytes(new byte[] {'\r', '\n'});
            }
            lineStart = lineEnd + 1;
        }
        out.writeBytes("Content-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private static int skipFirstLine(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && (bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        while (i < bytes.length && bytes[i] != '\n') {
            i++;
        }
        return i + 1;
    }

    private static String headerName(byte[] bytes, int from, int to) {
        int colon = from;
        while (colon < to && bytes[colon] != ':') {
            colon++;
        }
        return new String(bytes, from, colon - from, StandardCharsets.UTF_8).strip().toLowerCase(Locale.ROOT);
    }

    private static String newTag() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
