package io.parley.parser;

import io.parley.message.Header;
import io.parley.message.HeaderName;
import io.parley.message.Method;
import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.SipUri;
import io.parley.message.StatusCodes;
import io.parley.message.Uri;
import java.util.Arrays;
import java.util.List;

/**
 * Parses one message held in a byte array: start line, header section and body. One instance
 * parses one message; {@link SipParser} and {@link StreamFramer} create it.
 */
final class MessageParser {

    private final byte[] bytes;
    private final int limit;
    private final boolean datagram;
    private final ParserLimits limits;
    private final ValueReader reader;
    private final HeaderSection section;

    private Method method;
    private Uri requestUri;
    private int statusCode;
    private String reasonPhrase;
    private ParseError error;

    private MessageParser(byte[] bytes, boolean datagram, ParserLimits limits, HeaderChecks checks) {
        this.bytes = bytes;
        this.limit = bytes.length;
        this.datagram = datagram;
        this.limits = limits;
        this.reader = new ValueReader(bytes, 0, 0);
        this.section = new HeaderSection(reader, limits, checks);
    }

    /**
     * Parses a message from a copy of {@code input[offset, offset + length)}. In a datagram, a missing
     * Content-Length means the rest of the input, and bytes after the declared body are ignored
     * (RFC 3261 section 18.3). Otherwise the input is exactly one framed message.
     */
    static MessageParseResult parse(byte[] input, int offset, int length, boolean datagram, ParserLimits limits,
            HeaderChecks checks) {
        byte[] copy = Arrays.copyOfRange(input, offset, offset + length);
        return new MessageParser(copy, datagram, limits, checks).parse();
    }

    /** Parses a message from {@code input} itself, which the message keeps; the caller must not change it. */
    static MessageParseResult parseOwned(byte[] input, boolean datagram, ParserLimits limits, HeaderChecks checks) {
        return new MessageParser(input, datagram, limits, checks).parse();
    }

    private MessageParseResult parse() {
        int start = skipKeepAlives(0);
        if (start >= limit) {
            return reject(400, "", start, "empty message");
        }
        int lineEnd = readStartLine(start);
        if (lineEnd < 0) {
            return new MessageParseResult.Rejected(error);
        }
        int bodyStart = section.readHeaders(lineEnd, limit);
        if (bodyStart < 0) {
            return new MessageParseResult.Rejected(section.error());
        }
        if (bodyStart - start > limits.maxHeaderSectionSize()) {
            return reject(513, "", start, "header section larger than " + limits.maxHeaderSectionSize() + " bytes");
        }
        int bodyEnd = bodyEnd(bodyStart);
        if (bodyEnd < 0) {
            return new MessageParseResult.Rejected(error);
        }
        if (bodyEnd - start > limits.maxMessageSize()) {
            return reject(513, "", start, "message larger than " + limits.maxMessageSize() + " bytes");
        }
        if (!checkMandatoryHeaders(start)) {
            return new MessageParseResult.Rejected(error);
        }
        return new MessageParseResult.Parsed(build(start, bodyStart, bodyEnd), bodyEnd);
    }

    /** RFC 3261 section 7.5: CRLFs before the start line are ignored. */
    private int skipKeepAlives(int pos) {
        while (pos < limit && (bytes[pos] == '\r' || bytes[pos] == '\n')) {
            pos++;
        }
        return pos;
    }

    /** Reads the start line and returns the offset after it, or -1 after recording an error. */
    private int readStartLine(int start) {
        int searchEnd = ParserLimits.end(start, limits.maxLineLength(), limit);
        int lf = ByteScan.indexOfControl(bytes, start, searchEnd);
        while (lf < searchEnd && bytes[lf] != '\n') {
            lf = ByteScan.indexOfControl(bytes, lf + 1, searchEnd);
        }
        if (lf >= searchEnd) {
            String reason = lf >= limit ? "start line without line end" : "start line longer than "
                    + limits.maxLineLength() + " bytes";
            rejectStartLine(400, start, reason);
            return -1;
        }
        int lineEnd = lf > start && bytes[lf - 1] == '\r' ? lf - 1 : lf;
        boolean ok = isResponse(start, lineEnd) ? readStatusLine(start, lineEnd) : readRequestLine(start, lineEnd);
        return ok ? lf + 1 : -1;
    }

    private boolean isResponse(int start, int lineEnd) {
        return lineEnd - start >= 4 && (bytes[start] | 0x20) == 's' && (bytes[start + 1] | 0x20) == 'i'
                && (bytes[start + 2] | 0x20) == 'p' && bytes[start + 3] == '/';
    }

    /** Request-Line = Method SP Request-URI SP SIP-Version CRLF, with exactly one SP each. */
    private boolean readRequestLine(int start, int lineEnd) {
        int methodEnd = start;
        while (methodEnd < lineEnd && CharClass.TOKEN[bytes[methodEnd] & 0xFF]) {
            methodEnd++;
        }
        if (methodEnd == start) {
            return rejectStartLine(400, methodEnd, "missing method");
        }
        if (methodEnd == lineEnd) {
            return rejectStartLine(400, methodEnd, "missing Request-URI after method");
        }
        if (bytes[methodEnd] != ' ') {
            return rejectStartLine(400, methodEnd, "invalid character in method");
        }
        int uriStart = methodEnd + 1;
        reader.reset(uriStart, lineEnd);
        SipUri plainUri = UriParser.readPlainRequestUri(reader);
        int uriEnd = plainUri != null ? reader.pos : indexOfSpace(uriStart, lineEnd);
        if (uriEnd == uriStart) {
            return rejectStartLine(400, uriStart, "more than one space in request line");
        }
        if (uriEnd == lineEnd) {
            return rejectStartLine(400, uriEnd, "missing SIP version in request line");
        }
        if (!checkVersion(uriEnd + 1, lineEnd)) {
            return false;
        }
        if (uriEnd - uriStart > limits.maxUriLength()) {
            return rejectStartLine(414, uriStart, "Request-URI longer than " + limits.maxUriLength() + " bytes");
        }
        method = StandardMethods.find(bytes, start, methodEnd);
        if (plainUri != null) {
            requestUri = plainUri;
            return true;
        }
        return readRequestUri(uriStart, uriEnd);
    }

    private int indexOfSpace(int from, int to) {
        int i = from;
        while (i < to && bytes[i] != ' ') {
            i++;
        }
        return i;
    }

    private boolean readRequestUri(int uriStart, int uriEnd) {
        reader.reset(uriStart, uriEnd);
        requestUri = UriParser.readUri(reader, uriEnd);
        if (requestUri == null) {
            return rejectStartLine(400, reader.errorOffset(), "invalid Request-URI: " + reader.errorReason());
        }
        // RFC 3261 section 19.1.1 (table): URI headers are not allowed in a Request-URI.
        if (requestUri instanceof SipUri sipUri && !sipUri.headers().isEmpty()) {
            return rejectStartLine(400, uriStart, "Request-URI with headers");
        }
        return true;
    }

    /** Status-Line = SIP-Version SP Status-Code SP Reason-Phrase CRLF, Status-Code = 3DIGIT. */
    private boolean readStatusLine(int start, int lineEnd) {
        int versionEnd = start;
        while (versionEnd < lineEnd && bytes[versionEnd] != ' ') {
            versionEnd++;
        }
        if (!checkVersion(start, versionEnd)) {
            return false;
        }
        int codeStart = versionEnd + 1;
        int codeEnd = codeStart;
        while (codeEnd < lineEnd && CharClass.isDigit(bytes[codeEnd])) {
            codeEnd++;
        }
        if (codeEnd - codeStart != 3 || (codeEnd < lineEnd && bytes[codeEnd] != ' ')) {
            return rejectStartLine(400, codeStart, "status code is not three digits");
        }
        statusCode = (bytes[codeStart] - '0') * 100 + (bytes[codeStart + 1] - '0') * 10 + bytes[codeStart + 2] - '0';
        if (statusCode < 100 || statusCode > 699) {
            return rejectStartLine(400, codeStart, "status code " + statusCode + " is not 100-699");
        }
        // Reason-Phrase allows HTAB but no other control character (RFC 3261 section 25.1).
        for (int i = ByteScan.indexOfControl(bytes, codeEnd + 1, lineEnd); i < lineEnd;
                i = ByteScan.indexOfControl(bytes, i + 1, lineEnd)) {
            if (bytes[i] != '\t') {
                return rejectStartLine(400, i, "control character " + CharClass.hex(bytes[i]) + " in reason phrase");
            }
        }
        // NOTE: a status line without the SP before an empty reason phrase is accepted.
        reasonPhrase = codeEnd < lineEnd ? readReasonPhrase(codeEnd + 1, lineEnd) : "";
        return true;
    }

    /** Returns the reason phrase, reusing the standard phrase of the status code when the text is the same. */
    private String readReasonPhrase(int from, int to) {
        String standard = StatusCodes.reasonPhrase(statusCode);
        if (standard.length() != to - from) {
            return reader.utf8(from, to);
        }
        for (int i = 0; i < standard.length(); i++) {
            if (bytes[from + i] != standard.charAt(i)) {
                return reader.utf8(from, to);
            }
        }
        return standard;
    }

    /** SIP-Version = "SIP" "/" 1*DIGIT "." 1*DIGIT; only 2.0 is accepted, others are 505. */
    private boolean checkVersion(int from, int to) {
        if (to - from == 7 && bytes[from + 4] == '2' && bytes[from + 5] == '.' && bytes[from + 6] == '0'
                && isResponse(from, to)) {
            return true;
        }
        int i = from + 4;
        int majorStart = i;
        while (i < to && CharClass.isDigit(bytes[i])) {
            i++;
        }
        boolean shaped = isResponse(from, to) && i > majorStart && i < to && bytes[i] == '.';
        int minorStart = ++i;
        while (i < to && CharClass.isDigit(bytes[i])) {
            i++;
        }
        String version = reader.utf8(from, Math.min(to, from + 20));
        if (shaped && i == to && i > minorStart) {
            return rejectStartLine(505, from, "SIP version " + version + " not supported; use SIP/2.0");
        }
        if (to > from && bytes[to - 1] == ' ') {
            return rejectStartLine(400, to - 1, "space after SIP version");
        }
        return rejectStartLine(400, from, "invalid SIP version '" + version + "'");
    }

    /** Returns where the body ends, applying the datagram rules of RFC 3261 section 18.3; -1 after an error. */
    private int bodyEnd(int bodyStart) {
        long declared = section.contentLength();
        int available = limit - bodyStart;
        if (declared < 0) {
            if (!datagram) {
                rejectFraming(bodyStart, "missing Content-Length on a stream");
                return -1;
            }
            return limit;
        }
        if (declared > available) {
            reject(400, HeaderName.CONTENT_LENGTH.name(), bodyStart,
                    "Content-Length " + declared + " is larger than the " + available + " bytes received");
            return -1;
        }
        return bodyStart + (int) declared;
    }

    private boolean checkMandatoryHeaders(int start) {
        String missing = section.missingMandatory();
        if (missing != null) {
            reject(400, missing, start, "missing mandatory header");
            return false;
        }
        if (method != null && !section.cseq().method().equals(method)) {
            reject(400, HeaderName.CSEQ.name(), section.cseqOffset(),
                    "CSeq method " + section.cseq().method() + " does not match request method " + method);
            return false;
        }
        return true;
    }

    private SipMessage build(int start, int bodyStart, int bodyEnd) {
        byte[] raw = start == 0 && bodyEnd == limit ? bytes : Arrays.copyOfRange(bytes, start, bodyEnd);
        int bodyOffset = bodyStart - start;
        List<Header> headers = section.headers();
        if (method != null) {
            return SipRequest.parsed(method, requestUri, headers, raw, bodyOffset);
        }
        return SipResponse.parsed(statusCode, reasonPhrase, headers, raw, bodyOffset);
    }

    private boolean rejectStartLine(int status, int offset, String reason) {
        error = new ParseError(status, "", offset, reason, false);
        return false;
    }

    private void rejectFraming(int offset, String reason) {
        error = new ParseError(400, "", offset, reason, true);
    }

    private MessageParseResult reject(int status, String header, int offset, String reason) {
        error = new ParseError(status, header, offset, reason, false);
        return new MessageParseResult.Rejected(error);
    }
}
