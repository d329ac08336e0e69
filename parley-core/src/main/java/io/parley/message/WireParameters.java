package io.parley.message;

import java.util.ArrayList;
import java.util.List;

/**
 * A cursor over the parameters in a checked range of received bytes, in one of two grammars:
 * header parameters ({@code *( SEMI generic-param )}, LWS allowed around ';' and '=', a quoted value
 * kept with its quotes) or URI parameters and headers (no whitespace, values kept with their
 * %-escapes). The parser checked the range, so the cursor only finds the boundaries.
 */
final class WireParameters {

    private final byte[] bytes;
    private final int end;
    private final boolean header;
    private final byte separator;
    private int pos;
    int nameStart;
    int nameEnd;
    /** Start of the value, or -1 for a parameter without one; a quoted value starts at its quote. */
    int valueStart;
    int valueEnd;

    private WireParameters(byte[] bytes, int from, int to, boolean header, byte separator) {
        this.bytes = bytes;
        this.pos = from;
        this.end = to;
        this.header = header;
        this.separator = separator;
    }

    /** Creates a cursor over header parameters, such as {@code ;tag=1 ;branch="x"}. */
    static WireParameters header(byte[] bytes, int from, int to) {
        return new WireParameters(bytes, from, to, true, (byte) ';');
    }

    /** Creates a cursor over URI parameters ({@code ;name=value}) or, with '?' first, URI headers. */
    static WireParameters uri(byte[] bytes, int from, int to) {
        byte separator = from < to && bytes[from] == '?' ? (byte) '&' : (byte) ';';
        return new WireParameters(bytes, from, to, false, separator);
    }

    /** Moves to the next parameter; false at the end of the range. */
    boolean next() {
        skipLws();
        if (pos >= end) {
            return false;
        }
        // The first URI header follows '?', every later one '&'; URI parameters and header parameters follow ';'.
        pos++;
        skipLws();
        nameStart = pos;
        while (pos < end && !isNameEnd(bytes[pos])) {
            pos++;
        }
        nameEnd = pos;
        skipLws();
        valueStart = -1;
        valueEnd = -1;
        if (pos < end && bytes[pos] == '=') {
            pos++;
            skipLws();
            valueStart = pos;
            pos = isQuoted(pos) ? quotedEnd(pos) : valueEnd(pos);
            valueEnd = pos;
        }
        return true;
    }

    String name() {
        return WireText.ascii(bytes, nameStart, nameEnd);
    }

    /** Returns the value as written, or an empty string for a parameter without one. */
    String value() {
        if (valueStart < 0) {
            return "";
        }
        if (isQuoted(valueStart)) {
            return WireText.unfolded(bytes, valueStart, valueEnd);
        }
        return WireText.ascii(bytes, valueStart, valueEnd);
    }

    boolean nameIs(String name) {
        return WireText.equalsIgnoreCase(bytes, nameStart, nameEnd, name);
    }

    /** Returns whether a header parameter value starting at {@code i} is a quoted-string. */
    private boolean isQuoted(int i) {
        return header && i < end && bytes[i] == '"';
    }

    private boolean isNameEnd(byte b) {
        return b == '=' || b == separator || b == ',' || (header && WireText.isLws(b));
    }

    private int valueEnd(int i) {
        while (i < end && bytes[i] != separator && bytes[i] != ',' && !(header && WireText.isLws(bytes[i]))) {
            i++;
        }
        return i;
    }

    /** Returns the offset after the quoted-string that starts at {@code i}. */
    private int quotedEnd(int i) {
        i++;
        while (i < end && bytes[i] != '"') {
            i += bytes[i] == '\\' ? 2 : 1;
        }
        return i + 1;
    }

    private void skipLws() {
        if (header) {
            pos = WireText.skipLws(bytes, pos, end);
        }
    }

    /** Returns the remaining parameters as an immutable list, in order. */
    List<Parameter> toList() {
        if (WireText.skipLws(bytes, pos, end) >= end) {
            return List.of();
        }
        List<Parameter> parameters = new ArrayList<>(4);
        while (next()) {
            parameters.add(new Parameter(name(), value()));
        }
        return List.copyOf(parameters);
    }

    /** Returns the value of the first remaining parameter named {@code name} without case, or null. */
    String find(String name) {
        while (next()) {
            if (nameIs(name)) {
                return value();
            }
        }
        return null;
    }

    /** Appends each remaining parameter as {@code ;name} or {@code ;name=value}, as {@link Parameter#appendAll} does. */
    void appendTo(StringBuilder out) {
        while (next()) {
            out.append(';');
            appendAscii(out, bytes, nameStart, nameEnd);
            if (valueStart < 0 || valueStart == valueEnd) {
                continue;
            }
            out.append('=');
            if (isQuoted(valueStart)) {
                out.append(value());
            } else {
                appendAscii(out, bytes, valueStart, valueEnd);
            }
        }
    }

    /**
     * Writes the header parameters in {@code bytes[from, to)} as {@link #appendTo} appends them,
     * copying the whole range when {@link #isWrittenAsReceived} finds it already in that form.
     */
    static void writeHeaderParameters(ByteSink out, byte[] bytes, int from, int to) {
        if (isWrittenAsReceived(bytes, from, to, true)) {
            out.write(bytes, from, to);
        } else {
            header(bytes, from, to).writeTo(out);
        }
    }

    /** Writes the URI parameters in {@code bytes[from, to)} as {@link #appendTo} appends them. */
    static void writeUriParameters(ByteSink out, byte[] bytes, int from, int to) {
        if (isWrittenAsReceived(bytes, from, to, false)) {
            out.write(bytes, from, to);
        } else {
            uri(bytes, from, to).writeTo(out);
        }
    }

    /**
     * Returns whether {@link #writeTo} writes {@code bytes[from, to)} unchanged: each parameter is
     * {@code ;name} or {@code ;name=value} with a non-empty value, and the range contains ASCII only,
     * with no LWS or ',' outside a quoted value and no CR or LF inside one. The scan follows
     * {@link #next()}: a quoted value starts only right after '=' of a header parameter and runs to
     * its closing quote, and only ';' or the end may follow it.
     */
    static boolean isWrittenAsReceived(byte[] bytes, int from, int to, boolean header) {
        int i = from;
        while (i < to) {
            if (bytes[i] != ';') {
                return false;
            }
            i = plainEnd(bytes, i + 1, to, true);
            if (i < 0) {
                return false;
            }
            if (i == to || bytes[i] == ';') {
                continue;
            }
            i++;
            if (header && i < to && bytes[i] == '"') {
                i = quotedWrittenAsReceivedEnd(bytes, i + 1, to);
            } else {
                int valueStart = i;
                i = plainEnd(bytes, i, to, false);
                if (i == valueStart) {
                    return false;
                }
            }
            if (i < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the offset of the first ';' (or, for a name, '=') at or after {@code i}, or -1 when a
     * byte before it is not printable ASCII or is one of ',', '"' and, for a value, '='.
     */
    private static int plainEnd(byte[] bytes, int i, int to, boolean name) {
        for (; i < to; i++) {
            byte b = bytes[i];
            if (b == ';' || (name && b == '=')) {
                return i;
            }
            if (b <= ' ' || b == 0x7F || b == ',' || b == '"' || b == '=') {
                return -1;
            }
        }
        return i;
    }

    /** Returns the offset after the closing quote of content starting at {@code i}, or -1 for CR, LF or a non-ASCII byte. */
    private static int quotedWrittenAsReceivedEnd(byte[] bytes, int i, int to) {
        while (i < to && bytes[i] != '"') {
            if (bytes[i] == '\\') {
                i++;
            }
            if (i >= to || bytes[i] == '\r' || bytes[i] == '\n' || bytes[i] < 0) {
                return -1;
            }
            i++;
        }
        return i < to ? i + 1 : -1;
    }

    /**
     * Writes each remaining parameter as {@link #appendTo} appends it, copying the received bytes
     * instead of making strings.
     */
    void writeTo(ByteSink out) {
        while (next()) {
            out.write(';');
            out.writeLatin1(bytes, nameStart, nameEnd);
            if (valueStart < 0 || valueStart == valueEnd) {
                continue;
            }
            out.write('=');
            if (isQuoted(valueStart)) {
                WireText.writeUnfolded(out, bytes, valueStart, valueEnd);
            } else {
                out.writeLatin1(bytes, valueStart, valueEnd);
            }
        }
    }

    /**
     * Writes each remaining URI header as {@link SipUri#appendTo} appends the list of
     * {@link #toList()}: {@code ?name=value}, then {@code &name=value}, with '=' even for an empty value.
     */
    void writeUriHeadersTo(ByteSink out) {
        boolean first = true;
        while (next()) {
            out.write(first ? '?' : '&');
            first = false;
            out.writeLatin1(bytes, nameStart, nameEnd);
            out.write('=');
            if (valueStart >= 0) {
                out.writeLatin1(bytes, valueStart, valueEnd);
            }
        }
    }

    private static void appendAscii(StringBuilder out, byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            out.append((char) (bytes[i] & 0xFF));
        }
    }

}
