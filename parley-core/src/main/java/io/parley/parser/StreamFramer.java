package io.parley.parser;

import io.parley.message.HeaderName;
import java.util.Arrays;
import java.util.Objects;

/**
 * Splits a TCP or TLS byte stream into SIP messages (RFC 3261 section 18.3): Content-Length
 * delimits each body, CRLF keep-alives between messages are skipped (RFC 5626 section 4.4.1), and
 * a message may arrive split at any byte. Feed received bytes with {@link #feed}, then call
 * {@link #next} until it returns {@link MessageParseResult.NeedMoreData}. A parsed result's
 * {@code consumed} is the length of the message itself, without keep-alives.
 *
 * <p>A missing or invalid Content-Length, or a message over the limits, breaks framing: the result
 * is a {@link ParseError#framing() framing} error, the state becomes {@link State#BROKEN}, and the
 * connection must be closed. A complete message that is malformed for another reason is rejected
 * while the stream goes on. Not thread-safe: one framer serves one connection.
 */
public final class StreamFramer {

    /** Framing state within the stream. */
    public enum State {
        /** Between messages, skipping CRLF keep-alives. */
        AWAITING_MESSAGE,
        /** Looking for the empty line that ends the header section. */
        READING_HEADERS,
        /** Waiting for the Content-Length bytes of the body. */
        READING_BODY,
        /** Framing failed; no further message can be read from this stream. */
        BROKEN
    }

    private final ParserLimits limits;
    private final HeaderChecks checks;
    private byte[] buffer = new byte[4096];
    private int readIndex;
    private int writeIndex;
    private State state = State.AWAITING_MESSAGE;
    private int messageStart;
    private int scanIndex;
    private int bodyStart;
    private int contentLength;

    /** Creates a framer with {@link ParserLimits#DEFAULTS} that checks every header ({@link HeaderChecks#ALL}). */
    public StreamFramer() {
        this(ParserLimits.DEFAULTS, HeaderChecks.ALL);
    }

    /** Creates a framer that checks every header ({@link HeaderChecks#ALL}). */
    public StreamFramer(ParserLimits limits) {
        this(limits, HeaderChecks.ALL);
    }

    public StreamFramer(ParserLimits limits, HeaderChecks checks) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.checks = Objects.requireNonNull(checks, "checks");
    }

    public State state() {
        return state;
    }

    /** Returns the number of received bytes not yet returned as messages. */
    public int buffered() {
        return writeIndex - readIndex;
    }

    /** Appends all of {@code data}. */
    public void feed(byte[] data) {
        feed(data, 0, data.length);
    }

    /**
     * Appends {@code data[offset, offset + length)}; bytes fed after framing broke are dropped.
     *
     * @throws IllegalStateException if more than the maximum message size is still buffered, because
     *     the caller did not drain {@link #next} before feeding more
     */
    public void feed(byte[] data, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (state == State.BROKEN) {
            return;
        }
        if (buffered() > limits.maxMessageSize()) {
            throw new IllegalStateException("framer contains " + buffered()
                    + " unread bytes; call next() until NeedMoreData before feeding more");
        }
        ensureCapacity(length);
        System.arraycopy(data, offset, buffer, writeIndex, length);
        writeIndex += length;
    }

    /** Returns the next complete message, {@code NeedMoreData}, or a rejection. */
    public MessageParseResult next() {
        return switch (state) {
            case AWAITING_MESSAGE -> awaitMessage();
            case READING_HEADERS -> readHeaders();
            case READING_BODY -> readBody();
            case BROKEN -> new MessageParseResult.Rejected(
                    new ParseError(400, "", 0, "stream framing is broken; close the connection", true));
        };
    }

    private MessageParseResult awaitMessage() {
        while (readIndex < writeIndex && (buffer[readIndex] == '\r' || buffer[readIndex] == '\n')) {
            readIndex++;
        }
        if (readIndex == writeIndex) {
            return new MessageParseResult.NeedMoreData();
        }
        messageStart = readIndex;
        scanIndex = readIndex;
        state = State.READING_HEADERS;
        return readHeaders();
    }

    /** Searches for LF followed by CRLF or LF, resuming where the previous search stopped. */
    private MessageParseResult readHeaders() {
        int searchEnd = ParserLimits.end(messageStart, limits.maxHeaderSectionSize(), writeIndex);
        int headerEnd = -1;
        int i = scanIndex;
        while (i < searchEnd && headerEnd < 0) {
            if (buffer[i] == '\n') {
                if (i + 1 >= writeIndex || (buffer[i + 1] == '\r' && i + 2 >= writeIndex)) {
                    break;
                }
                if (buffer[i + 1] == '\n') {
                    headerEnd = i + 2;
                } else if (buffer[i + 1] == '\r' && buffer[i + 2] == '\n') {
                    headerEnd = i + 3;
                }
            }
            if (headerEnd < 0) {
                i++;
            }
        }
        scanIndex = i;
        if (headerEnd < 0) {
            if (writeIndex - messageStart >= limits.maxHeaderSectionSize()) {
                return broken(513, "", 0, "header section larger than " + limits.maxHeaderSectionSize() + " bytes");
            }
            return new MessageParseResult.NeedMoreData();
        }
        return startBody(headerEnd);
    }

    private MessageParseResult startBody(int headerEnd) {
        ContentLengthScan scan = ContentLengthScan.scan(buffer, messageStart, headerEnd);
        if (scan.errorReason() != null) {
            return broken(400, HeaderName.CONTENT_LENGTH.name(), scan.errorOffset(), scan.errorReason());
        }
        if (scan.length() < 0) {
            return broken(400, HeaderName.CONTENT_LENGTH.name(), 0, "missing Content-Length on a stream");
        }
        if (headerEnd - messageStart + scan.length() > limits.maxMessageSize()) {
            return broken(513, "", 0, "message larger than " + limits.maxMessageSize() + " bytes");
        }
        bodyStart = headerEnd;
        contentLength = (int) scan.length();
        state = State.READING_BODY;
        return readBody();
    }

    private MessageParseResult readBody() {
        if (writeIndex - bodyStart < contentLength) {
            return new MessageParseResult.NeedMoreData();
        }
        int messageEnd = bodyStart + contentLength;
        MessageParseResult result = MessageParser.parse(buffer, messageStart, messageEnd - messageStart, false, limits,
                checks);
        int consumed = messageEnd - messageStart;
        readIndex = messageEnd;
        state = State.AWAITING_MESSAGE;
        compact();
        return switch (result) {
            case MessageParseResult.Parsed parsed -> new MessageParseResult.Parsed(parsed.message(), consumed);
            case MessageParseResult.Rejected rejected when rejected.error().framing() -> brokenBy(rejected.error());
            default -> result;
        };
    }

    /** Breaks framing; {@code offset} counts from the start of the message. */
    private MessageParseResult broken(int status, String header, int offset, String reason) {
        return brokenBy(new ParseError(status, header, offset, reason, true));
    }

    private MessageParseResult brokenBy(ParseError error) {
        state = State.BROKEN;
        buffer = new byte[0];
        readIndex = 0;
        writeIndex = 0;
        return new MessageParseResult.Rejected(error);
    }

    private void ensureCapacity(int extra) {
        if (writeIndex + extra <= buffer.length) {
            return;
        }
        compact();
        if (writeIndex + extra > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, writeIndex + extra));
        }
    }

    /** Moves unread bytes to the start of the buffer; offsets of a message in progress move with them. */
    private void compact() {
        if (readIndex == 0 || state != State.AWAITING_MESSAGE) {
            return;
        }
        System.arraycopy(buffer, readIndex, buffer, 0, writeIndex - readIndex);
        writeIndex -= readIndex;
        readIndex = 0;
    }
}
