package io.parley.parser;

import io.parley.message.HeaderName;

/**
 * Finds the Content-Length of a header section without parsing the other headers, for stream
 * framing. A second, different Content-Length or a value that is not 1*DIGIT is an error, since
 * the body cannot be delimited (RFC 4475 sections 3.1.2.3 and 3.3.9).
 *
 * @param length the declared length, or -1 when there is no Content-Length
 * @param errorOffset the offset of the bad value, when {@code errorReason} is set
 * @param errorReason why the value cannot frame the body, or null
 */
record ContentLengthScan(long length, int errorOffset, String errorReason) {

    /** Scans the header lines of {@code bytes[start, end)}, which starts with the start line. */
    static ContentLengthScan scan(byte[] bytes, int start, int end) {
        int line = nextLine(bytes, start, end);
        long length = -1;
        ValueReader reader = new ValueReader(bytes, 0, 0);
        while (line < end) {
            int nameEnd = line;
            while (nameEnd < end && CharClass.TOKEN[bytes[nameEnd] & 0xFF]) {
                nameEnd++;
            }
            int lineEnd = logicalLineEnd(bytes, line, end);
            if (nameEnd > line && HeaderName.CONTENT_LENGTH.equals(HeaderName.fromBytes(bytes, line, nameEnd - line))) {
                int colon = nameEnd;
                while (colon < lineEnd && (bytes[colon] == ' ' || bytes[colon] == '\t')) {
                    colon++;
                }
                reader.reset(colon + 1, lineEnd);
                long value = colon < lineEnd && bytes[colon] == ':'
                        ? ScalarParser.readWholeNumber(reader, Integer.MAX_VALUE, "Content-Length") : -1;
                if (value < 0) {
                    return new ContentLengthScan(-1, line - start, "invalid Content-Length");
                }
                if (length >= 0 && length != value) {
                    return new ContentLengthScan(-1, line - start, "conflicting Content-Length values "
                            + length + " and " + value);
                }
                length = value;
            }
            line = nextLine(bytes, lineEnd, end);
        }
        return new ContentLengthScan(length, 0, null);
    }

    /** Returns the offset after the next LF at or after {@code pos}. */
    private static int nextLine(byte[] bytes, int pos, int end) {
        while (pos < end && bytes[pos] != '\n') {
            pos++;
        }
        return Math.min(pos + 1, end);
    }

    /** Returns the offset of the LF that ends the field starting at {@code pos}, following folded lines. */
    private static int logicalLineEnd(byte[] bytes, int pos, int end) {
        while (pos < end) {
            if (bytes[pos] == '\n' && (pos + 1 >= end || (bytes[pos + 1] != ' ' && bytes[pos + 1] != '\t'))) {
                return pos;
            }
            pos++;
        }
        return end;
    }
}
