package io.parley.message;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes the canonical wire form of a message: the start line, each header as
 * {@code Full-Name: canonical value} on one line in stored order (full names, no folding, one
 * value per line), an empty line, then the body bytes unchanged.
 */
public final class MessageWriter {

    private MessageWriter() {
    }

    private static final byte[] CRLF = {'\r', '\n'};

    /** Returns the canonical bytes of {@code message}, encoded as UTF-8. */
    public static byte[] write(SipMessage message) {
        byte[] startLine = startLine(message).getBytes(StandardCharsets.UTF_8);
        List<Header> headers = message.headers();
        int count = headers.size();
        byte[][] values = new byte[count][];
        int length = startLine.length + CRLF.length;
        for (int i = 0; i < count; i++) {
            Header header = headers.get(i);
            values[i] = header.canonicalBytes();
            length += header.name().linePrefix().length + values[i].length + CRLF.length;
        }
        length += CRLF.length;

        byte[] body = switch (message) {
            case SipRequest request -> request.bodySource();
            case SipResponse response -> response.bodySource();
        };
        int bodyOffset = switch (message) {
            case SipRequest request -> request.bodyOffset();
            case SipResponse response -> response.bodyOffset();
        };
        int bodyLength = body.length - bodyOffset;

        byte[] out = new byte[length + bodyLength];
        int pos = put(out, 0, startLine);
        pos = put(out, pos, CRLF);
        for (int i = 0; i < count; i++) {
            pos = put(out, pos, headers.get(i).name().linePrefix());
            pos = put(out, pos, values[i]);
            pos = put(out, pos, CRLF);
        }
        pos = put(out, pos, CRLF);
        System.arraycopy(body, bodyOffset, out, pos, bodyLength);
        return out;
    }

    private static String startLine(SipMessage message) {
        return switch (message) {
            case SipRequest request -> request.method().name() + ' ' + request.requestUri().format() + ' '
                    + SipMessage.SIP_VERSION;
            case SipResponse response -> SipMessage.SIP_VERSION + ' ' + response.statusCode() + ' '
                    + response.reasonPhrase();
        };
    }

    private static int put(byte[] out, int pos, byte[] bytes) {
        System.arraycopy(bytes, 0, out, pos, bytes.length);
        return pos + bytes.length;
    }
}
