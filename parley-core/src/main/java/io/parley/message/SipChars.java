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

    /** Characters of a SIP URI user part other than escapes (RFC 3261 section 25.1 user). */
    static final boolean[] USER = table("-_.!~*'()&=+$,;?/");

    /** Characters of a SIP URI password other than escapes (RFC 3261 section 25.1 password). */
    static final boolean[] PASSWORD = table("-_.!~*'()&=+$,");

    /** paramchar other than escapes: alphanumerics, param-unreserved and mark (RFC 3261 section 25.1). */
    static final boolean[] URI_PARAMETER = table("[]/:&+$-_.!~*'()");

    /** hname and hvalue characters other than escapes: alphanumerics, hnv-unreserved and mark (RFC 3261 section 25.1). */
    static final boolean[] URI_HEADER = table("[]/?:+$-_.!~*'()");

    /** Characters of a host name or IPv4 address as the parser reads them. */
    private static final boolean[] HOST = table("-._");

    /** Characters inside the brackets of an IPv6 reference: hex digits, ':' and '.' (checked no further). */
    private static final boolean[] IPV6_REFERENCE = hexTable(":.");

    /** word characters, the Call-ID alphabet (RFC 3261 section 25.1 word). */
    private static final boolean[] WORD = table("-.!%*_+`'~()<>:\\\"/[]?{}");

    /**
     * Returns the index of the first character of {@code value} that is neither in {@code table} nor
     * part of a {@code %HH} escape, or -1 when there is none.
     */
    static int indexOfUnescaped(String value, boolean[] table) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%') {
                if (i + 2 >= value.length() || Character.digit(value.charAt(i + 1), 16) < 0
                        || Character.digit(value.charAt(i + 2), 16) < 0) {
                    return i;
                }
                i += 2;
            } else if (c >= 128 || !table[c]) {
                return i;
            }
        }
        return -1;
    }

    /** Returns the index of the first character of {@code value} not in {@code table}, or -1. */
    static int indexOfOutside(String value, boolean[] table) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 128 || !table[c]) {
                return i;
            }
        }
        return -1;
    }

    private static boolean[] hexTable(String marks) {
        boolean[] table = new boolean[128];
        for (char c = 0; c < 128; c++) {
            table[c] = Character.digit(c, 16) >= 0 || marks.indexOf(c) >= 0;
        }
        return table;
    }

    /** Returns a table of the ASCII alphanumerics and {@code marks}, indexed by character. */
    static boolean[] table(String marks) {
        boolean[] table = new boolean[128];
        for (char c = 0; c < 128; c++) {
            table[c] = isAlphanumeric(c) || marks.indexOf(c) >= 0;
        }
        return table;
    }

    /**
     * Returns whether {@code host} is written as the parser reads a host: a host name or IPv4
     * address of letters, digits, '-', '.' and '_', or an IPv6 reference of hex digits, ':' and '.'
     * in brackets.
     */
    static boolean isHost(String host) {
        boolean bracketed = host.length() > 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']';
        int from = bracketed ? 1 : 0;
        int to = bracketed ? host.length() - 1 : host.length();
        boolean[] table = bracketed ? IPV6_REFERENCE : HOST;
        for (int i = from; i < to; i++) {
            char c = host.charAt(i);
            if (c >= 128 || !table[c]) {
                return false;
            }
        }
        return to > from;
    }

    /** Returns the index of the first control character other than HT (%x00-08, %x0A-1F, DEL), or -1. */
    static int indexOfControl(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                return i;
            }
        }
        return -1;
    }

    static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /** scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) (RFC 3261 section 25.1). */
    static boolean isScheme(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            if (!letter && (i == 0 || !(isAlphanumeric(c) || c == '+' || c == '-' || c == '.'))) {
                return false;
            }
        }
        return !value.isEmpty();
    }

    /** callid = word [ "@" word ] (RFC 3261 section 25.1). */
    static boolean isCallId(String value) {
        int at = value.indexOf('@');
        String local = at < 0 ? value : value.substring(0, at);
        String host = at < 0 ? "x" : value.substring(at + 1);
        return isWord(local) && isWord(host);
    }

    private static boolean isWord(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= 128 || !WORD[c]) {
                return false;
            }
        }
        return !value.isEmpty();
    }

    private static boolean isAlphanumeric(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
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
