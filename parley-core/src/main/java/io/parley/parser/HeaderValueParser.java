package io.parley.parser;

import io.parley.message.AuthValue;
import io.parley.message.CSeq;
import io.parley.message.Header;
import io.parley.message.HeaderList;
import io.parley.message.HeaderName;
import io.parley.message.MalformedHeaderException;
import java.nio.charset.StandardCharsets;

/**
 * Parses one header value by its name into typed {@link Header}s. List headers (Via, Contact,
 * Route, Record-Route) are split at top-level commas by their own grammar, so commas inside quotes
 * or {@code <>} never split; every other header is one value per line. With deferred checks
 * ({@link HeaderChecks#CORE}), the headers outside that set are kept unchecked, and their
 * decoder checks them when they are first read.
 */
final class HeaderValueParser {

    private final ValueReader reader;
    private final HeaderList headers;
    private final boolean deferChecks;
    private int seenMask;
    private long contentLength = -1;
    private CSeq cseq;
    private int cseqOffset;
    private ParseError error;

    HeaderValueParser(ValueReader reader, HeaderList headers) {
        this(reader, headers, false);
    }

    HeaderValueParser(ValueReader reader, HeaderList headers, boolean deferChecks) {
        this.reader = reader;
        this.headers = headers;
        this.deferChecks = deferChecks;
    }

    /**
     * Parses the value in {@code [start, end)} and appends its headers. Returns false after
     * recording an error. {@code slot} is the name's {@link KnownNames} slot, or -1 for an extension header.
     */
    boolean add(int slot, HeaderName name, int start, int end) {
        if (slot < 0) {
            headers.append(Header.fromWire(name, reader.bytes, start, end, null));
            return true;
        }
        if (!markSeen(KnownNames.singleBit(slot), name, start)) {
            return false;
        }
        if (deferChecks && KnownNames.isCheckedWhenRead(slot)) {
            headers.append(Header.fromWireLazy(name, reader.bytes, start, end, HeaderValueParser::decodeChecked));
            return true;
        }
        reader.reset(start, end);
        return switch (KnownNames.kind(slot)) {
            case TEXT -> {
                headers.append(Header.fromWire(name, reader.bytes, start, end, null));
                yield true;
            }
            case VIA, CONTACT, ROUTE -> addList(name, KnownNames.kind(slot));
            case ADDRESS -> addSingle(name, start, end, AddressParser.readAddress(reader));
            case CALL_ID -> addSingle(name, start, end, ScalarParser.readCallId(reader));
            case CSEQ -> addCSeq(start, end);
            case CONTENT_LENGTH -> addContentLength(start, end);
            case MAX_FORWARDS -> addMaxForwards(start, end);
            case DELTA_SECONDS -> addDeltaSeconds(name, start, end);
            case CONTENT_TYPE -> addContentType(start, end);
            case TOKEN_LIST -> addTokenList(name, start, end);
            case WARNING -> addSingle(name, start, end, ScalarParser.readWarnings(reader));
            case RETRY_AFTER -> addSingle(name, start, end, ScalarParser.readRetryAfter(reader));
            case AUTH, AUTH_INFO -> addAuth(name, start, end);
        };
    }

    /**
     * Checks and builds the value of a header that {@link HeaderChecks#CORE} left unchecked, with
     * the rules {@link #add} applies under {@link HeaderChecks#ALL}, on the bytes as received.
     *
     * @throws MalformedHeaderException if the value is malformed
     */
    private static Object decodeChecked(HeaderName name, String text, byte[] source, int from, int to) {
        ValueReader reader = new ValueReader(source, from, to);
        // Without the header section's scan at hand, a value with any control character, even HT
        // or a fold, takes the readers' own control checks.
        reader.controlFree = ByteScan.indexOfControl(source, from, to) == to;
        HeaderList checked = new HeaderList();
        HeaderValueParser parser = new HeaderValueParser(reader, checked, false);
        if (!parser.add(KnownNames.slot(name), name, from, to)) {
            ParseError error = parser.error();
            throw new MalformedHeaderException(name, error.offset(), error.reason());
        }
        return checked.get(0).parsedAs(Object.class).orElse(null);
    }

    private boolean addCSeq(int start, int end) {
        cseq = ScalarParser.readCSeq(reader);
        cseqOffset = start;
        return addSingle(HeaderName.CSEQ, start, end, cseq);
    }

    /** Max-Forwards = 1*DIGIT, 0 to 255, kept as an Integer. */
    private boolean addMaxForwards(int start, int end) {
        long hops = ScalarParser.readWholeNumber(reader, 255, "Max-Forwards");
        return addSingle(HeaderName.MAX_FORWARDS, start, end, hops < 0 ? null : (int) hops);
    }

    /** Expires and Min-Expires: delta-seconds, kept as a Long. */
    private boolean addDeltaSeconds(HeaderName name, int start, int end) {
        long seconds = ScalarParser.readWholeNumber(reader, CSeq.MAX_SEQUENCE, "delta-seconds");
        return addSingle(name, start, end, seconds < 0 ? null : seconds);
    }

    /** Content-Length = 1*DIGIT; a second, different value breaks framing (RFC 4475 section 3.3.9). */
    private boolean addContentLength(int start, int end) {
        long length = ScalarParser.readWholeNumber(reader, Integer.MAX_VALUE, "Content-Length");
        if (length < 0) {
            return fail(HeaderName.CONTENT_LENGTH, true);
        }
        if (contentLength >= 0 && contentLength != length) {
            reader.failAt(start, "conflicting Content-Length values " + contentLength + " and " + length);
            return fail(HeaderName.CONTENT_LENGTH, true);
        }
        contentLength = length;
        headers.append(Header.fromWire(HeaderName.CONTENT_LENGTH, reader.bytes, start, end, length));
        return true;
    }

    /**
     * Checks the syntax of an authentication header, whose value {@link AuthValueParser} builds when
     * it is first read. These headers are never split at commas, because their own grammar uses
     * commas between parameters (RFC 3261 section 25.1).
     */
    private boolean addAuth(HeaderName name, int start, int end) {
        boolean valid = name == HeaderName.AUTHENTICATION_INFO
                ? AuthSyntax.checkParamList(reader)
                : AuthSyntax.checkChallengeOrCredentials(reader);
        if (!valid) {
            return fail(name, false);
        }
        headers.append(Header.fromWireLazy(name, reader.bytes, start, end, HeaderValueParser::decodeAuth));
        return true;
    }

    /** Builds an authentication value; null when {@link AuthValueParser} rejects what the syntax check let pass. */
    private static Object decodeAuth(HeaderName name, String text, byte[] source, int from, int to) {
        ParseResult<AuthValue> result = name == HeaderName.AUTHENTICATION_INFO
                ? AuthValueParser.parseParamList(text)
                : AuthValueParser.parseChallengeOrCredentials(text);
        return result instanceof ParseResult.Parsed<AuthValue> parsed ? parsed.value() : null;
    }

    /** Checks a Content-Type now, so that a malformed one is still a 400, and builds it when first read. */
    private boolean addContentType(int start, int end) {
        if (!ScalarParser.checkContentType(reader)) {
            return fail(HeaderName.CONTENT_TYPE, false);
        }
        headers.append(Header.fromWireLazy(HeaderName.CONTENT_TYPE, reader.bytes, start, end,
                HeaderValueParser::decodeContentType));
        return true;
    }

    private static Object decodeContentType(HeaderName name, String text, byte[] source, int from, int to) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return ScalarParser.readContentType(new ValueReader(bytes, 0, bytes.length));
    }

    /**
     * Checks a method or option-tag list now, so that a malformed one is still a 400, and builds the
     * list when it is first read, because most receivers never read Allow or Supported.
     */
    private boolean addTokenList(HeaderName name, int start, int end) {
        if (!ScalarParser.checkTokenList(reader)) {
            return fail(name, false);
        }
        headers.append(Header.fromWireLazy(name, reader.bytes, start, end, HeaderValueParser::decodeTokenList));
        return true;
    }

    private static Object decodeTokenList(HeaderName name, String text, byte[] source, int from, int to) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ValueReader reader = new ValueReader(bytes, 0, bytes.length);
        return name == HeaderName.ALLOW ? ScalarParser.readMethodList(reader) : ScalarParser.readTokenList(reader);
    }

    /** Reads a comma-separated list of Via, Contact or Route and Record-Route values, one header each. */
    private boolean addList(HeaderName name, HeaderKind kind) {
        while (true) {
            reader.skipLws();
            int valueStart = reader.pos;
            Object value = switch (kind) {
                case VIA -> ViaParser.readVia(reader);
                case CONTACT -> AddressParser.readContact(reader);
                default -> AddressParser.readAddress(reader);
            };
            if (value == null) {
                return fail(name, false);
            }
            int valueEnd = reader.pos;
            while (valueEnd > valueStart && CharClass.isLws(reader.bytes[valueEnd - 1])) {
                valueEnd--;
            }
            headers.append(Header.fromWire(name, reader.bytes, valueStart, valueEnd, value));
            reader.skipLws();
            if (reader.atEnd()) {
                return true;
            }
            if (reader.peek() != ',') {
                reader.fail("unexpected character '" + (char) reader.peek() + "'");
                return fail(name, false);
            }
            reader.pos++;
        }
    }

    private boolean addSingle(HeaderName name, int start, int end, Object value) {
        if (value == null) {
            return fail(name, false);
        }
        reader.skipLws();
        if (!reader.atEnd()) {
            reader.fail("unexpected text after the value");
            return fail(name, false);
        }
        headers.append(Header.fromWire(name, reader.bytes, start, end, value));
        return true;
    }

    /** Records that a header appeared. Returns false when a single-valued one other than Via appears twice. */
    private boolean markSeen(int bit, HeaderName name, int start) {
        if ((seenMask & bit) != 0 && name != HeaderName.VIA) {
            reader.reset(start, start);
            reader.failAt(start, "more than one " + name + " header");
            return fail(name, false);
        }
        seenMask |= bit;
        return true;
    }

    /** Returns whether every header of {@code bits}, from {@link KnownNames#singleBit}, has appeared. */
    boolean seenAll(int bits) {
        return (seenMask & bits) == bits;
    }

    /** Returns whether a header that may appear once has appeared, and false for any header that may repeat. */
    boolean seen(HeaderName name) {
        int bit = KnownNames.singleBit(name);
        return bit != 0 && seenAll(bit);
    }

    long contentLength() {
        return contentLength;
    }

    CSeq cseq() {
        return cseq;
    }

    int cseqOffset() {
        return cseqOffset;
    }

    ParseError error() {
        return error;
    }

    private boolean fail(HeaderName name, boolean framing) {
        error = new ParseError(400, name.name(), reader.errorOffset(), reader.errorReason(), framing);
        return false;
    }
}
