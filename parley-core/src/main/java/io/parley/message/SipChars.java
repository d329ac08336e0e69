package io.parley.message;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Character classes of RFC 3261 section 25.1 and %-escape decoding, for values built in code. */
final class SipChars {

    private SipChars() {
    }

    /** Returns whether every character is a token character (RFC 3261 section 25.1). */
    static boolean isToken(String value) {
        for (int i = 0; i < value.length(); i++) {
            if (!isTokenChar(value.charAt(i))) {
                return false;
            }
        }
        return !value.isEmpty();
    }

    /** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"). */
    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '!' || c == '%' || c == '*' || c == '_'
                || c == '+' || c == '`' || c == '\'' || c == '~';
    }

    /**
     * Decodes %-escapes (RFC 3986 section 2.1) as UTF-8. A '%' not followed by two hex digits is
     * kept as written, since the parser has already checked the escapes of parsed URIs.
     */
    static String decodePercent(String value) {
        if (value.indexOf('%') < 0) {
            return value;
        }
        byte[] input = value.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length);
        for (int i = 0; i < input.length; i++) {
            int high = i + 2 < input.length ? Character.digit(input[i + 1], 16) : -1;
            int low = i + 2 < input.length ? Character.digit(input[i + 2], 16) : -1;
            if (input[i] == '%' && high >= 0 && low >= 0) {
                out.write(high * 16 + low);
                i += 2;
            } else {
                out.write(input[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Appends {@code value} as a quoted-string, escaping '"', '\' and control characters (RFC 3261 section 25.1). */
    static void appendQuoted(StringBuilder out, String value) {
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || (c < 0x20 && c != '\t') || c == 0x7F) {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }
}
