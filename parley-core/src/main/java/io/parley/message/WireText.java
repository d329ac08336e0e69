package io.parley.message;

import java.nio.charset.StandardCharsets;

/**
 * Decodes parts of a received value that the parser has already checked, so that the typed values
 * hold offsets into the received bytes and make each string on first read. Every method trusts the
 * grammar the parser enforced on its range and repeats none of the checks.
 */
final class WireText {

    private WireText() {
    }

    /** Returns the ASCII text of {@code bytes[from, to)}, or an empty string for an empty range. */
    static String ascii(byte[] bytes, int from, int to) {
        return from >= to ? "" : new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    static String utf8(byte[] bytes, int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    static boolean isLws(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    /** Returns the text of {@code [from, to)} as UTF-8, with each line fold read as one space (RFC 3261 section 7.3.1). */
    static String unfolded(byte[] bytes, int from, int to) {
        StringBuilder out = null;
        int runStart = from;
        for (int i = from; i < to; i++) {
            if (bytes[i] != '\r' && bytes[i] != '\n') {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(to - from);
            }
            out.append(utf8(bytes, runStart, i)).append(' ');
            i = skipLws(bytes, i, to) - 1;
            runStart = i + 1;
        }
        return out == null ? utf8(bytes, from, to) : out.append(utf8(bytes, runStart, to)).toString();
    }

    /** Writes the UTF-8 bytes of {@link #unfolded} of the same range to {@code out}, without making a String. */
    static void writeUnfolded(ByteSink out, byte[] bytes, int from, int to) {
        int runStart = from;
        for (int i = from; i < to; i++) {
            if (bytes[i] != '\r' && bytes[i] != '\n') {
                continue;
            }
            out.writeUtf8(bytes, runStart, i);
            out.write(' ');
            i = skipLws(bytes, i, to) - 1;
            runStart = i + 1;
        }
        out.writeUtf8(bytes, runStart, to);
    }

    /**
     * Returns the content of the quoted-string {@code [from, to)}, quotes included in the range,
     * with quoted-pairs decoded and each line fold read as one space.
     */
    static String quotedContent(byte[] bytes, int from, int to) {
        int contentEnd = to - 1;
        StringBuilder out = null;
        int runStart = from + 1;
        for (int i = from + 1; i < contentEnd; i++) {
            byte b = bytes[i];
            if (b != '\\' && b != '\r' && b != '\n') {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(to - from);
            }
            out.append(utf8(bytes, runStart, i));
            if (b == '\\') {
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F); the escaped byte is kept as it is.
                runStart = i + 1;
                i++;
            } else {
                i = skipLws(bytes, i, contentEnd) - 1;
                runStart = i + 1;
                out.append(' ');
            }
        }
        if (out == null) {
            return utf8(bytes, from + 1, contentEnd);
        }
        return out.append(utf8(bytes, runStart, contentEnd)).toString();
    }

    /** Returns the tokens of {@code display-name = *(token LWS)} in {@code [from, to)} joined by one space. */
    static String tokenDisplayName(byte[] bytes, int from, int to) {
        int firstEnd = from;
        while (firstEnd < to && !isLws(bytes[firstEnd])) {
            firstEnd++;
        }
        if (firstEnd == to) {
            return ascii(bytes, from, to);
        }
        StringBuilder out = new StringBuilder(to - from);
        int i = from;
        while (i < to) {
            int tokenStart = i;
            while (i < to && !isLws(bytes[i])) {
                i++;
            }
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(ascii(bytes, tokenStart, i));
            i = skipLws(bytes, i, to);
        }
        return out.toString();
    }

    /**
     * Writes the UTF-8 bytes of {@link SipChars#appendQuoted} applied to {@link #quotedContent} of
     * the same range, without making strings. Returns false, writing nothing, when the content is
     * not well-formed UTF-8 or escapes a non-ASCII byte, because decoding changes such bytes.
     */
    static boolean writeRequoted(ByteSink out, byte[] bytes, int from, int to) {
        int contentEnd = to - 1;
        if (!Utf8.isWellFormed(bytes, from + 1, contentEnd)) {
            return false;
        }
        for (int i = from + 1; i < contentEnd; i++) {
            if (bytes[i] == '\\') {
                i++;
                if (bytes[i] < 0) {
                    return false;
                }
            }
        }
        out.write('"');
        for (int i = from + 1; i < contentEnd; i++) {
            byte b = bytes[i];
            if (b == '\\') {
                i++;
                writeQuotedByte(out, bytes[i]);
            } else if (b == '\r' || b == '\n') {
                i = skipLws(bytes, i, contentEnd) - 1;
                out.write(' ');
            } else {
                writeQuotedByte(out, b);
            }
        }
        out.write('"');
        return true;
    }

    /**
     * Writes the UTF-8 bytes of {@link SipChars#appendQuoted} applied to {@link #tokenDisplayName}
     * of the same range, without making strings.
     */
    static void writeTokensQuoted(ByteSink out, byte[] bytes, int from, int to) {
        out.write('"');
        boolean first = true;
        int i = skipLws(bytes, from, to);
        while (i < to) {
            if (!first) {
                out.write(' ');
            }
            first = false;
            int tokenStart = i;
            boolean plain = true;
            for (; i < to && !isLws(bytes[i]); i++) {
                plain &= isPlainQuoted(bytes[i]);
            }
            if (plain) {
                out.write(bytes, tokenStart, i);
            } else {
                writeQuotedLatin1(out, bytes, tokenStart, i);
            }
            i = skipLws(bytes, i, to);
        }
        out.write('"');
    }

    /** Returns whether {@link SipChars#appendQuoted} writes this ASCII byte's character as it is, unescaped. */
    private static boolean isPlainQuoted(byte b) {
        return b >= 0x20 && b != 0x7F && b != '"' && b != '\\';
    }

    /** Writes {@code bytes[from, to)} decoded as ISO-8859-1, escaped as {@link SipChars#appendQuoted} escapes it. */
    private static void writeQuotedLatin1(ByteSink out, byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                out.writeLatin1(bytes, i, i + 1);
            } else {
                writeQuotedByte(out, bytes[i]);
            }
        }
    }

    /** Writes one byte of quoted content, escaped where {@link SipChars#appendQuoted} escapes its character. */
    private static void writeQuotedByte(ByteSink out, byte b) {
        if (b == '"' || b == '\\' || (b >= 0 && b < 0x20 && b != '\t') || b == 0x7F) {
            out.write('\\');
        }
        out.write(b);
    }

    static int skipLws(byte[] bytes, int i, int to) {
        while (i < to && isLws(bytes[i])) {
            i++;
        }
        return i;
    }

    /** Returns whether {@code bytes[from, to)} equals {@code name} in ASCII without case. */
    static boolean equalsIgnoreCase(byte[] bytes, int from, int to, String name) {
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            int b = bytes[from + i];
            int c = name.charAt(i);
            if (b != c && (!isAsciiLetter(b) || (b | 0x20) != (c | 0x20))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAsciiLetter(int b) {
        int lower = b | 0x20;
        return lower >= 'a' && lower <= 'z';
    }
}
