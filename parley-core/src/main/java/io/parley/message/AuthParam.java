package io.parley.message;

import java.util.Objects;

/**
 * One {@code name=value} parameter of an authentication header (RFC 3261 section 25.1, RFC 7616
 * section 3.3).
 *
 * @param name the parameter name as written; names compare without case
 * @param value the value with quoted-pairs already unescaped, so it is the string a digest hashes
 * @param quoted whether the value is written as a quoted-string on the wire
 */
public record AuthParam(String name, String value, boolean quoted) {

    public AuthParam {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("authentication parameter name is empty");
        }
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
