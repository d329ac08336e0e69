package io.parley.message;

import java.util.Objects;

/**
 * Thrown by a typed accessor when the header it reads is malformed. The stack parses what it
 * receives with the parser's core header checks, which leave some headers to be checked when first
 * read. RFC 3261 section 16.3 recommends that an element ignore malformed components it does not
 * use. A server that catches this exception responds 400 with {@link #reasonPhrase()}.
 */
public final class MalformedHeaderException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final HeaderName header;
    private final int offset;
    private final String reason;

    /**
     * Creates the exception for {@code header}, whose first bad byte is at {@code offset}, counted from
     * the start of the message input as in the parser's errors.
     */
    public MalformedHeaderException(HeaderName header, int offset, String reason) {
        super("malformed " + header + " header at byte " + offset + ": " + reason);
        this.header = Objects.requireNonNull(header, "header");
        this.offset = offset;
        this.reason = Objects.requireNonNull(reason, "reason");
    }

    public HeaderName header() {
        return header;
    }

    /** Returns the offset of the first bad byte from the start of the message input. */
    public int offset() {
        return offset;
    }

    /** Returns the short reason in plain words, such as {@code delta-seconds is not a decimal number}. */
    public String reason() {
        return reason;
    }

    /**
     * Returns a reason phrase for a 400 response, such as {@code Bad Expires: delta-seconds is not a
     * decimal number}, in the form the parser gives for the headers it rejects.
     */
    public String reasonPhrase() {
        return StatusCodes.badRequestPhrase(header.name(), reason);
    }
}
