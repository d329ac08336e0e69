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
        if (!isCommentText(comment)) {
            throw new IllegalArgumentException("Retry-After comment '" + comment + "' has unbalanced parentheses, "
                    + "a trailing backslash or a control character; escape a lone '(' or ')' as \\( or \\)");
        }
        if (seconds < 0 || seconds > CSeq.MAX_SEQUENCE) {
            throw new IllegalArgumentException("Retry-After " + seconds + " is out of range; use 0 to 2^32-1");
        }
    }

    /** Creates a Retry-After of this many seconds. */
    public static RetryAfter ofSeconds(long seconds) {
        return new RetryAfter(seconds, "", List.of());
    }

    /**
     * Returns whether {@code text} fits between the parentheses of a comment as written, with
     * quoted-pairs kept: nested parentheses balance, a backslash escapes the next character, and no
     * control character appears unescaped except HT and the CR LF of a folded line (RFC 3261 section
     * 25.1 comment). The parser reads each fold of a received comment as one space.
     */
    private static boolean isCommentText(String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                if (++i == text.length()) {
                    return false;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return false;
            } else if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F) {
                return false;
            }
        }
        return depth == 0;
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
