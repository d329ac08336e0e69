package io.parley.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Writes the canonical wire form of a message: the start line, each header as
 * {@code Full-Name: canonical value} on one line in stored order (full names, no folding, one
 * value per line), an empty line, then the body bytes unchanged.
 */
public final class MessageWriter {

    private MessageWriter() {
    }

    /** Returns the canonical bytes of {@code message}, encoded as UTF-8. */
    public static byte[] write(SipMessage message) {
        List<Header> headers = message.headers();
        StringBuilder head = new StringBuilder(128 + headers.size() * 64);
        switch (message) {
            case SipRequest request -> head.append(request.method().name()).append(' ')
                    .append(request.requestUri().format()).append(' ').append(SipMessage.SIP_VERSION);
            case SipResponse response -> head.append(SipMessage.SIP_VERSION).append(' ')
                    .append(response.statusCode()).append(' ').append(response.reasonPhrase());
        }
        head.append("\r\n");
        for (int i = 0; i < headers.size(); i++) {
            Header header = headers.get(i);
            head.append(header.name().name()).append(": ");
            head.append(header.canonicalValue());
            head.append("\r\n");
        }
        head.append("\r\n");

        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] body = switch (message) {
            case SipRequest request -> request.bodySource();
            case SipResponse response -> response.bodySource();
        };
        int bodyOffset = switch (message) {
            case SipRequest request -> request.bodyOffset();
            case SipResponse response -> response.bodyOffset();
        };
        int bodyLength = body.length - bodyOffset;
        if (bodyLength == 0) {
            return headBytes;
        }
        byte[] out = Arrays.copyOf(headBytes, headBytes.length + bodyLength);
        System.arraycopy(body, bodyOffset, out, headBytes.length, bodyLength);
        return out;
    }
}
