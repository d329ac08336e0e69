package io.parley.message;

import java.util.Objects;

/**
 * One {@code name=value} parameter of an authentication header (RFC 3261 section 25.1, RFC 7616
 * section 3.3).
 *
 * @param name the parameter name as written; names compare without case
 * @param value the value with quoted-pairs already unescaped, so it is the string a digest hashes;
 *     control characters other than HTAB are rejected because no quoted-string can carry them
 *     (RFC 7230 section 3.2.6) and a raw CR LF would end the header line
 * @param quoted whether the value is written as a quoted-string on the wire
 */
public record AuthParam(String name, String value, boolean quoted) {

    public AuthParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("authentication parameter name is empty");
        }
        int control = indexOfControl(value);
        if (control >= 0) {
            throw new IllegalArgumentException(String.format(
                    "value of authentication parameter '%s' contains control character 0x%02x at index %d; remove it",
                    name, (int) value.charAt(control), control));
        }
    }

    /** Returns the index of the first control character other than HTAB in {@code text}, or -1. */
    public static int indexOfControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    /** Creates a parameter written as a quoted-string. */
    public static AuthParam quoted(String name, String value) {
        return new AuthParam(name, value, true);
    }

    /** Creates a parameter written as a bare token. */
    public static AuthParam token(String name, String value) {
        return new AuthParam(name, value, false);
    }

    /** Returns whether this parameter has the given name, compared without case. */
    public boolean is(String otherName) {
        return name.equalsIgnoreCase(otherName);
    }

    /** Appends {@code name=value} in wire form, escaping {@code "}, {@code \} and control characters inside quotes. */
    public void appendTo(StringBuilder out) {
        out.append(name).append('=');
        if (!quoted) {
            out.append(value);
            return;
        }
        SipChars.appendQuoted(out, value);
    }
}
