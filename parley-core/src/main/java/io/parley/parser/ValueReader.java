package io.parley.parser;

import io.parley.message.Parameter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over a byte range of a header value or start line. Readers advance {@link #pos}; on bad
 * input they call {@link #fail}, which records the offset and reason and returns null, so that
 * callers return at once without exceptions.
 */
final class ValueReader {

    final byte[] bytes;
    /** Scratch list the parameter readers fill and empty with {@link #takeParameters}; they never nest. */
    private ArrayList<Parameter> parameters;
    int pos;
    int end;
    private int errorOffset = -1;
    private String errorReason;
    private String parameterProblem;
    /**
     * Whether the current range is known to hold no control character other than HT and the CRLF
     * of a line fold, so that readers may skip their own control checks. The header section sets it
     * for each field value; {@link #reset} leaves it alone.
     */
    boolean controlFree;
    /**
     * The value range of the branch (Via) or tag (addresses) parameter that the last header
     * parameter check found: {@link #KEY_ABSENT} when there is none, {@link #KEY_UNKNOWN} when its
     * value is quoted, else {@code [keyStart, keyEnd)}, empty for a parameter without a value.
     */
    int keyStart;
    int keyEnd;

    static final int KEY_ABSENT = io.parley.message.Via.ABSENT_RANGE;
    static final int KEY_UNKNOWN = io.parley.message.Via.UNKNOWN_RANGE;

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
        int i = pos;
        // Most calls are at a byte above space, which is not LWS, so they return at once.
        if (i >= end || (bytes[i] & 0xFF) > ' ') {
            return;
        }
        while (i < end && CharClass.isLws(bytes[i])) {
            i++;
        }
        pos = i;
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
        byte[] input = bytes;
        int limit = end;
        int i = pos;
        while (i < limit && table[input[i] & 0xFF]) {
            i++;
        }
        pos = i;
        return i;
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

    /** Skips a token and returns its end, or returns -1 after {@link #fail} when there is none. */
    int readTokenEnd(String what) {
        int start = pos;
        skipClass(CharClass.TOKEN);
        if (pos == start) {
            fail("missing " + what);
            return -1;
        }
        return pos;
    }

    /**
     * Reads {@code quoted-string = DQUOTE *(qdtext / quoted-pair) DQUOTE} at the cursor and returns its
     * content with quoted-pairs decoded, or null after {@link #fail} when the closing quote is missing.
     */
    String readQuotedContent() {
        int start = pos;
        if (!skipQuoted()) {
            return null;
        }
        StringBuilder out = null;
        int runStart = start + 1;
        for (int i = start + 1; i < pos - 1; i++) {
            byte b = bytes[i];
            if (b != '\\' && b != '\r' && b != '\n') {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(pos - start);
            }
            out.append(utf8(runStart, i));
            if (b == '\\') {
                // quoted-pair = "\" (%x00-09 / %x0B-0C / %x0E-7F); the escaped byte is kept as it is.
                runStart = i + 1;
                i++;
            } else {
                i = skipFold(i) - 1;
                runStart = i + 1;
                out.append(' ');
            }
        }
        if (out == null) {
            return utf8(start + 1, pos - 1);
        }
        return out.append(utf8(runStart, pos - 1)).toString();
    }

    /** Returns the text of {@code [from, to)} as UTF-8, with each line fold read as one space (RFC 3261 section 7.3.1). */
    String unfolded(int from, int to) {
        StringBuilder out = null;
        int runStart = from;
        for (int i = from; i < to; i++) {
            if (bytes[i] != '\r' && bytes[i] != '\n') {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(to - from);
            }
            out.append(utf8(runStart, i)).append(' ');
            i = skipFold(i) - 1;
            runStart = i + 1;
        }
        return out == null ? utf8(from, to) : out.append(utf8(runStart, to)).toString();
    }

    /** Returns the offset after the CR, LF and whitespace run starting at {@code i}. */
    private int skipFold(int i) {
        while (i < end && CharClass.isLws(bytes[i])) {
            i++;
        }
        return i;
    }

    /** Skips a quoted-string at the cursor and returns false after {@link #fail} when it is unterminated. */
    boolean skipQuoted() {
        int start = pos;
        int i = start + 1;
        while (true) {
            i = ByteScan.indexOfQuoteOrBackslash(bytes, i, end);
            if (i >= end) {
                break;
            }
            if (bytes[i] == '"') {
                pos = i + 1;
                return true;
            }
            if (i + 1 < end && (bytes[i + 1] == '\r' || bytes[i + 1] == '\n')) {
                pos = i;
                fail("quoted-pair of CR or LF");
                return false;
            }
            i += 2;
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

    /** Returns why the first checked parameter broke its header's rule, or null; see {@link ParameterRule}. */
    String parameterProblem() {
        return parameterProblem;
    }

    void recordParameterProblem(String problem) {
        parameterProblem = problem;
    }

    void clearParameterProblem() {
        parameterProblem = null;
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

    /** Returns the ASCII text of {@code [from, to)}: a shared instance for common tokens, else a new string. */
    String ascii(int from, int to) {
        if (from >= to) {
            return "";
        }
        String common = CommonStrings.find(bytes, from, to);
        if (common != null) {
            return common;
        }
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Returns the empty scratch list for a parameter reader, which returns it with {@link #takeParameters}. */
    List<Parameter> parameterScratch() {
        if (parameters == null) {
            parameters = new ArrayList<>(8);
        }
        parameters.clear();
        return parameters;
    }

    /** Returns an immutable copy of {@link #parameters} and clears it for the next reader. */
    List<Parameter> takeParameters() {
        List<Parameter> result = switch (parameters.size()) {
            case 0 -> List.of();
            case 1 -> List.of(parameters.get(0));
            case 2 -> List.of(parameters.get(0), parameters.get(1));
            default -> List.copyOf(parameters);
        };
        parameters.clear();
        return result;
    }

    String utf8(int from, int to) {
        return new String(bytes, from, to - from, StandardCharsets.UTF_8);
    }
}
