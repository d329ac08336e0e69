package io.parley.parser;

import io.parley.message.CSeq;
import io.parley.message.HeaderList;
import io.parley.message.HeaderName;

/**
 * Reads the header section: splits it into header fields (RFC 3261 section 7.3, with line folding),
 * parses the headers that have a typed form (all of them, or those of {@link HeaderChecks#CORE}),
 * and checks the single-valued and mandatory headers.
 */
final class HeaderSection {

    /**
     * Headers every request and response must carry (RFC 3261 section 8.1.1). Max-Forwards is left
     * out so that RFC 2543 requests still parse (RFC 4475 section 3.4.1); the builders require it.
     */
    private static final HeaderName[] MANDATORY = {
        HeaderName.TO, HeaderName.FROM, HeaderName.CSEQ, HeaderName.CALL_ID, HeaderName.VIA
    };
    /** The single-header bits of {@link #MANDATORY}, so that a complete message is one mask test. */
    private static final int MANDATORY_BITS = mandatoryBits();

    private final ValueReader reader;
    private final ParserLimits limits;
    private final HeaderList headers = new HeaderList();
    private final HeaderValueParser values;
    private ParseError error;
    /** Whether the field {@link #findFieldEnd} last scanned may hold a control character the grammar rejects. */
    private boolean suspectControl;

    HeaderSection(ValueReader reader, ParserLimits limits, HeaderChecks checks) {
        this.reader = reader;
        this.limits = limits;
        this.values = new HeaderValueParser(reader, headers, checks == HeaderChecks.CORE);
    }

    /**
     * Reads header fields from {@code pos} up to the empty line, and returns the offset after it.
     * Reaching {@code limit} ends the section too, since a datagram may lack the empty line after
     * a bodiless message. Returns -1 after recording an error.
     */
    int readHeaders(int pos, int limit) {
        byte[] bytes = reader.bytes;
        while (pos < limit) {
            if (bytes[pos] == '\n') {
                return pos + 1;
            }
            if (bytes[pos] == '\r' && (pos + 1 >= limit || bytes[pos + 1] == '\n')) {
                return Math.min(limit, pos + 2);
            }
            int next = readPlainLine(pos, limit);
            pos = next != 0 ? next : readHeaderLine(pos, limit);
            if (pos < 0) {
                return -1;
            }
        }
        return limit;
    }

    /**
     * Reads the usual header line, {@code name ":" value CRLF} with no whitespace before the colon,
     * no control character in the value and no fold after it, and returns the offset after it, or
     * -1 after recording an error. Returns 0 for any other line, which {@link #readHeaderLine}
     * then reads from the start, so that both give the same result.
     */
    private int readPlainLine(int lineStart, int limit) {
        byte[] bytes = reader.bytes;
        int nameEnd = nameEnd(bytes, lineStart, limit);
        if (nameEnd == lineStart || nameEnd >= limit || bytes[nameEnd] != ':') {
            return 0;
        }
        // As in findFieldEnd, the LF must come before the line length limit.
        int maxEnd = ParserLimits.end(lineStart, limits.maxLineLength(), limit);
        int cr = ByteScan.indexOfControl(bytes, nameEnd + 1, maxEnd);
        if (cr + 1 >= maxEnd || cr + 2 >= limit || bytes[cr] != '\r' || bytes[cr + 1] != '\n'
                || bytes[cr + 2] == ' ' || bytes[cr + 2] == '\t') {
            return 0;
        }

        int valueStart = nameEnd + 1;
        while (valueStart < cr && bytes[valueStart] == ' ') {
            valueStart++;
        }
        int valueEnd = cr;
        while (valueEnd > valueStart && bytes[valueEnd - 1] == ' ') {
            valueEnd--;
        }
        int slot = KnownNames.find(bytes, lineStart, nameEnd);
        return addValue(slot, headerName(slot, bytes, lineStart, nameEnd), valueStart, valueEnd, true) ? cr + 2 : -1;
    }

    /** Reads {@code field-name HCOLON field-value CRLF}, the value running on over folded lines. */
    private int readHeaderLine(int lineStart, int limit) {
        byte[] bytes = reader.bytes;
        int nameEnd = nameEnd(bytes, lineStart, limit);
        if (nameEnd == lineStart) {
            String reason = bytes[lineStart] == ' ' || bytes[lineStart] == '\t'
                    ? "folded line after the start line" : "header line without a name";
            return fail("", lineStart, reason);
        }
        int slot = KnownNames.find(bytes, lineStart, nameEnd);
        HeaderName name = headerName(slot, bytes, lineStart, nameEnd);
        int colon = nameEnd;
        while (colon < limit && (bytes[colon] == ' ' || bytes[colon] == '\t')) {
            colon++;
        }
        if (colon >= limit || bytes[colon] != ':') {
            return fail(name.name(), colon, "missing ':' after header name");
        }

        int lf = findFieldEnd(colon + 1, ParserLimits.end(lineStart, limits.maxLineLength(), limit), limit);
        if (lf < 0) {
            return fail(name.name(), lineStart, "header line longer than " + limits.maxLineLength() + " bytes");
        }
        int next = Math.min(lf + 1, limit);
        int valueEnd = lf < limit && lf > colon && bytes[lf - 1] == '\r' ? lf - 1 : Math.min(lf, limit);
        return addHeader(slot, name, colon + 1, valueEnd) ? next : -1;
    }

    /** Returns the end of the run of token characters, the header name, that starts at {@code lineStart}. */
    private static int nameEnd(byte[] bytes, int lineStart, int limit) {
        int nameEnd = lineStart;
        while (nameEnd < limit && CharClass.TOKEN[bytes[nameEnd] & 0xFF]) {
            nameEnd++;
        }
        return nameEnd;
    }

    /** Returns the constant in {@code slot}, or a new name for an extension header ({@code slot} -1). */
    private static HeaderName headerName(int slot, byte[] bytes, int from, int to) {
        return slot >= 0 ? KnownNames.name(slot) : HeaderName.fromBytes(bytes, from, to - from);
    }

    /**
     * Returns the offset of the LF that ends the field, skipping LFs followed by SP or HT (line
     * folding), or {@code limit} when the input ends first. Returns -1 when no end is found before
     * {@code maxEnd}, which is less than {@code limit}. Sets {@link #suspectControl} when the field
     * has a control character other than HT, LF or the CR of a CRLF.
     */
    private int findFieldEnd(int pos, int maxEnd, int limit) {
        byte[] bytes = reader.bytes;
        suspectControl = false;
        while (true) {
            pos = ByteScan.indexOfControl(bytes, pos, maxEnd);
            if (pos >= maxEnd) {
                return maxEnd < limit ? -1 : limit;
            }
            byte b = bytes[pos];
            if (b == '\n') {
                if (pos + 1 < limit && (bytes[pos + 1] == ' ' || bytes[pos + 1] == '\t')) {
                    pos++;
                    continue;
                }
                return pos;
            }
            if (b != '\t' && !(b == '\r' && pos + 1 < limit && bytes[pos + 1] == '\n')) {
                suspectControl = true;
            }
            pos++;
        }
    }

    private boolean addHeader(int slot, HeaderName name, int valueStart, int valueEnd) {
        byte[] bytes = reader.bytes;
        while (valueStart < valueEnd && CharClass.isLws(bytes[valueStart])) {
            valueStart++;
        }
        while (valueEnd > valueStart && CharClass.isLws(bytes[valueEnd - 1])) {
            valueEnd--;
        }
        int control = suspectControl ? findControl(bytes, valueStart, valueEnd) : -1;
        if (control >= 0) {
            fail(name.name(), control, "control character " + CharClass.hex(bytes[control]) + " in value");
            return false;
        }
        return addValue(slot, name, valueStart, valueEnd, !suspectControl);
    }

    /**
     * Parses the trimmed value {@code [valueStart, valueEnd)} into headers and checks the header
     * count. {@code controlFree} is true when the value has no control character but HT and folds.
     */
    private boolean addValue(int slot, HeaderName name, int valueStart, int valueEnd, boolean controlFree) {
        reader.controlFree = controlFree;
        boolean added = values.add(slot, name, valueStart, valueEnd);
        reader.controlFree = false;
        if (!added) {
            error = values.error();
            return false;
        }
        if (headers.size() > limits.maxHeaderCount()) {
            fail(name.name(), valueStart, "more than " + limits.maxHeaderCount() + " header values");
            return false;
        }
        return true;
    }

    /**
     * Returns the offset of the first control character that the grammar does not allow in a field
     * value, or -1. HT and the CRLF or LF of a folded line are allowed, and so is any other control
     * character but CR and LF as the second byte of a quoted-pair (RFC 3261 section 25.1). A bare CR
     * is rejected because a lenient peer would take it as a line end and read the rest as a header.
     */
    private static int findControl(byte[] bytes, int from, int to) {
        boolean quoted = false;
        for (int i = from; i < to; i++) {
            int b = bytes[i] & 0xFF;
            if (b == '"') {
                quoted = !quoted;
            } else if (quoted && b == '\\' && i + 1 < to && bytes[i + 1] != '\r' && bytes[i + 1] != '\n') {
                i++;
            } else if (CharClass.isControl(b) && b != '\t' && b != '\n'
                    && !(b == '\r' && i + 1 < to && bytes[i + 1] == '\n')) {
                return i;
            }
        }
        return -1;
    }

    /** Returns the headers; the message that takes them makes the list read-only. */
    HeaderList headers() {
        return headers;
    }

    /** Returns the declared Content-Length, or -1 when the header is absent. */
    long contentLength() {
        return values.contentLength();
    }

    CSeq cseq() {
        return values.cseq();
    }

    int cseqOffset() {
        return values.cseqOffset();
    }

    /** Returns the name of the first mandatory header that is missing, or null. */
    String missingMandatory() {
        if (values.seenAll(MANDATORY_BITS)) {
            return null;
        }
        for (HeaderName name : MANDATORY) {
            if (!values.seen(name)) {
                return name.name();
            }
        }
        return null;
    }

    private static int mandatoryBits() {
        int bits = 0;
        for (HeaderName name : MANDATORY) {
            bits |= KnownNames.singleBit(name);
        }
        return bits;
    }

    ParseError error() {
        return error;
    }

    private int fail(String header, int offset, String reason) {
        error = new ParseError(400, header, offset, reason, false);
        return -1;
    }
}
