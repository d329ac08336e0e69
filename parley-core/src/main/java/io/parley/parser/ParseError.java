package io.parley.parser;

import io.parley.message.StatusCodes;
import java.util.Objects;

/**
 * Reason a message was rejected, with what a server needs for its response.
 *
 * @param status the status code of the response to a rejected request: 400 for bad syntax, 505 for a
 *     SIP version other than 2.0, 414 for a Request-URI over the limit, 513 for a message over the
 *     size limits. A rejected response is dropped instead
 * @param header the full name of the header at fault, or an empty string for the start line, the
 *     framing or the message as a whole
 * @param offset the offset of the first bad byte, counted from the start of the message input
 * @param reason a short reason in plain words, fit for a reason phrase
 * @param framing true when the error breaks stream framing, so a TCP or TLS connection must be closed
 */
public record ParseError(int status, String header, int offset, String reason, boolean framing) {

    public ParseError {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * Returns a reason phrase for the status line, such as {@code Bad Via: missing sent-by host}. A
     * header name over 32 characters is shortened so that the reason still fits.
     */
    public String reasonPhrase() {
        return StatusCodes.badRequestPhrase(header, reason);
    }

    @Override
    public String toString() {
        return status + " " + reasonPhrase() + " (at byte " + offset + ")";
    }
}
