package io.parley.message;

import java.util.List;
import java.util.Objects;

/**
 * The Retry-After value (RFC 3261 section 20.33): seconds, an optional comment and parameters.
 *
 * @param seconds the delay, 0 to 2^32-1
 * @param comment the text of the comment without its parentheses, or an empty string
 * @param parameters the parameters, such as {@code duration}, in order
 */
public record RetryAfter(long seconds, String comment, List<Parameter> parameters) {

    public RetryAfter {
        Objects.requireNonNull(comment, "comment");
        parameters = List.copyOf(parameters);
        if (seconds < 0 || seconds > CSeq.MAX_SEQUENCE) {
            throw new IllegalArgumentException("Retry-After " + seconds + " is out of range; use 0 to 2^32-1");
        }
    }

    /** Creates a Retry-After of this many seconds. */
    public static RetryAfter ofSeconds(long seconds) {
        return new RetryAfter(seconds, "", List.of());
    }

    /** Returns the wire form. */
    public String format() {
        StringBuilder out = new StringBuilder(16 + comment.length());
        out.append(seconds);
        if (!comment.isEmpty()) {
            out.append(" (").append(comment).append(')');
        }
        Parameter.appendAll(out, parameters);
        return out.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
