package io.parley.message;

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

    /**
     * A sink per platform thread, reused from message to message so that a write allocates only its
     * result. Virtual threads, which are many and short-lived, take a new sink per message instead.
     */
    private static final ThreadLocal<ByteSink> SCRATCH = ThreadLocal.withInitial(() -> new ByteSink(2048));

    /** Room for the start line in the size of a new sink. A longer one makes the sink grow. */
    private static final int START_LINE_ESTIMATE = 96;

    /**
     * Returns the canonical bytes of {@code message}, encoded as UTF-8. Each header's value is
     * written as the UTF-8 bytes of {@link Header#canonicalValue()}. A parsed header copies its
     * received bytes where they are already canonical, without formatting the value.
     */
    public static byte[] write(SipMessage message) {
        List<Header> headers = message.headers();
        byte[] body;
        int bodyOffset;
        if (message instanceof SipRequest request) {
            body = request.bodySource();
            bodyOffset = request.bodyOffset();
        } else {
            SipResponse response = (SipResponse) message;
            body = response.bodySource();
            bodyOffset = response.bodyOffset();
        }

        ByteSink out = Thread.currentThread().isVirtual() ? null : SCRATCH.get();
        if (out == null || !out.acquire()) {
            out = new ByteSink(estimatedLength(headers));
            out.acquire();
        }
        try {
            writeStartLine(out, message);
            out.writeLineEnd();
            for (int i = 0; i < headers.size(); i++) {
                Header header = headers.get(i);
                out.write(header.name().linePrefix());
                header.writeCanonical(out);
                out.writeLineEnd();
            }
            out.writeLineEnd();
            // The body goes straight into the result, so it is copied once.
            return out.toByteArray(body, bodyOffset);
        } finally {
            out.release();
        }
    }

    /** Returns an estimate of the start line and header length, the part of a message the sink receives. */
    private static int estimatedLength(List<Header> headers) {
        int length = START_LINE_ESTIMATE + CRLF.length * 2;
        for (int i = 0; i < headers.size(); i++) {
            Header header = headers.get(i);
            length += header.name().linePrefix().length + header.estimatedLength() + CRLF.length;
        }
        return length;
    }

    private static void writeStartLine(ByteSink out, SipMessage message) {
        if (message instanceof SipRequest request) {
            out.write(request.method().name());
            out.write(' ');
            if (request.requestUri() instanceof SipUri sipUri) {
                sipUri.writeTo(out);
            } else {
                out.write(request.requestUri().format());
            }
            out.write(' ');
            out.write(SipMessage.SIP_VERSION);
        } else {
            SipResponse response = (SipResponse) message;
            out.write(SipMessage.SIP_VERSION);
            out.write(' ');
            out.writeDecimal(response.statusCode());
            out.write(' ');
            out.write(response.reasonPhrase());
        }
    }
}
