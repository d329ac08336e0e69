package io.parley.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

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
        StringBuilder head = new StringBuilder(256 + message.headers().size() * 48);
        switch (message) {
            case SipRequest request -> head.append(request.method().name()).append(' ')
                    .append(request.requestUri().format()).append(' ').append(SipMessage.SIP_VERSION);
            case SipResponse response -> head.append(SipMessage.SIP_VERSION).append(' ')
                    .append(response.statusCode()).append(' ').append(response.reasonPhrase());
        }
        head.append("\r\n");
        for (Header header : message.headers()) {
            head.append(header.name().name()).append(": ").append(header.canonicalValue()).append("\r\n");
        }
        head.append("\r\n");

        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(headBytes.length + message.bodyLength());
        out.writeBytes(headBytes);
        out.writeBytes(message.body());
        return out.toByteArray();
    }
}
