package io.parley.parser;

import java.nio.charset.StandardCharsets;

/**
 * A cursor over a byte range of a header value or start line. Readers advance {@link #pos}; on bad
 * input they call {@link #fail}, which records the offset and reason and returns null, so that
 * callers return at once without exceptions.
 */
final class ValueReader {

    final byte[] bytes;
    int pos;
    int end;
    private int errorOffset = -1;
    private String errorReason;

    ValueReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.pos = start;
        this.end = end;
    }

    /** Moves the cursor to a new range of the same bytes and clears any error. */
    void reset(int start, int newEnd) {
        this.pos = start;
        this.end = newEnd;
        this.errorOffset = -1;
        this.errorReason = null;
    }

    boolean atEnd() {
        return pos >= end;
    }

    /** Returns the byte at the cursor as 0-255, or -1 at the end. */
    int peek() {
        return pos < end ? bytes[pos] & 0xFF : -1;
    }

    /** Skips spaces, tabs and the CR LF of folded lines. */
    void skipLws() {
        while (pos < end && CharClass.isLws(bytes[pos])) {
            pos++;
        }
    }

    /** Skips whitespace, then consumes {@code c} and the whitespace after it if it is there. */
    boolean skipSeparator(char c) {
        int mark = pos;
        skipLws();
        if (pos < end && bytes[pos] == c) {
            pos++;
            skipLws();
            return true;
        }
        pos = mark;
        return false;
    }

    /** Consumes the run of bytes in {@code table} and returns its end. */
    int skipClass(boolean[] table) {
        while (pos < end && table[bytes[pos] & 0xFF]) {
            pos++;
        }
        return pos;
    }

    /** Reads a token (RFC 3261 section 25.1), or returns null after {@link #fail} when there is none. */
    String readToken(String what) {
        int start = pos;
        skipClass(CharClass.TOKEN);
        if (pos == start) {
            return fail("missing " + what);
        }
        return ascii(start, pos);
    }

    /**
     * Reads {@code quoted-string = DQUOTE *(qdtext / quoted-pair) DQUOTE} at the cursor and returns its
     * content with quoted-pairs decoded, or null after {@link #fail} when the closing quote is missing.
     */
    String readQuotedContent() {
        int start = pos;
        pos++;
        boolean escaped = false;
        while (pos < end) {
            byte b = bytes[pos];
            if (b == '"') {
                pos++;
                String raw = utf8(start + 1, pos - 1);
                return escaped ? unescapeQuotedPairs(raw) : raw;
            }
            if (b == '\\') {
                escaped = true;
                pos++;
            }
            pos++;
        }
        pos = start;
        return fail("unterminated quoted string");
    }

    /** Skips a quoted-string at the cursor and returns false after {@link #fail} when it is unterminated. */
    boolean skipQuoted() {
        int start = pos;
        pos++;
        while (pos < end) {
            byte b = bytes[pos];
            if (b == '"') {
                pos++;
                return true;
            }
            pos += b == '\\' ? 2 : 1;
        }
        pos = start;
        fail("unterminated quoted string");
        return false;
    }

    /** Records a failure at the cursor and returns null. */
    <T> T fail(String reason) {
        return failAt(pos, reason);
    }

    /** Records a failure at {@code offset} unless one is already recorded, and returns null. */
    <T> T failAt(int offset, String reason) {
        if (errorReason == null) {
            errorOffset = offset;
            errorReason = reason;
        }
        return null;
    }

    boolean failed() {
        return errorReason != null;
    }

    int errorOffset() {
        return errorOffset;
    }

    String errorReason() {
        return errorReason;
    }

    String ascii(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    String utf8(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }

    private static String unescapeQuotedPairs(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length()) {
                c = raw.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
