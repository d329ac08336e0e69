package io.parley.parser;

import io.parley.message.AbsoluteUri;
import io.parley.message.Parameter;
import io.parley.message.SipUri;
import io.parley.message.TelUri;
import io.parley.message.Uri;
import java.util.List;

/** Reads URIs (RFC 3261 section 19.1 and 25.1, RFC 3966) from a byte range that contains exactly one URI. */
final class UriParser {

    private UriParser() {
    }

    /**
     * Reads the URI in {@code [r.pos, uriEnd)}: sip and sips become {@link SipUri}, tel becomes
     * {@link TelUri}, any other scheme {@link AbsoluteUri}. Returns null after a failure.
     */
    static Uri readUri(ValueReader r, int uriEnd) {
        int savedEnd = r.end;
        r.end = uriEnd;
        Uri uri = readScheme(r);
        if (uri != null && !r.atEnd()) {
            uri = r.fail("unexpected character '" + (char) r.peek() + "' in URI");
        }
        r.end = savedEnd;
        return uri;
    }

    /** scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then the scheme-specific part. */
    private static Uri readScheme(ValueReader r) {
        int start = r.pos;
        if (isSipColon(r, start)) {
            r.pos = start + 4;
            return readSipUri(r, false);
        }
        if (!CharClass.isAlpha(r.peek())) {
            return r.fail("missing URI scheme");
        }
        while (!r.atEnd() && (CharClass.isAlpha(r.peek()) || CharClass.isDigit(r.peek())
                || r.peek() == '+' || r.peek() == '-' || r.peek() == '.')) {
            r.pos++;
        }
        if (r.peek() != ':') {
            return r.failAt(start, "missing URI scheme");
        }
        int schemeEnd = r.pos;
        r.pos++;
        if (isScheme(r, start, schemeEnd, "sip")) {
            return readSipUri(r, false);
        }
        if (isScheme(r, start, schemeEnd, "sips")) {
            return readSipUri(r, true);
        }
        if (isScheme(r, start, schemeEnd, "tel")) {
            return readTelUri(r);
        }
        return readAbsoluteUri(r, r.ascii(start, schemeEnd));
    }

    /**
     * SIP-URI = "sip:" [ userinfo ] hostport uri-parameters [ headers ]. The user part ends at the
     * first '@' because no later component may contain an unescaped '@'. The URI keeps offsets into
     * the bytes and makes its strings when they are read.
     */
    private static SipUri readSipUri(ValueReader r, boolean secure) {
        int userStart = r.pos;
        int userEnd = r.pos;
        int plainEnd = peekPlainUserEnd(r);
        // User characters exclude '@', so the first '@' of the URI is at or after plainEnd.
        int at = indexOf(r, '@', plainEnd);
        if (at == plainEnd && at > userStart) {
            // The usual user@host: every byte before '@' is a user character and none is '%'.
            userEnd = at;
            r.pos = at + 1;
        } else if (at >= 0) {
            int colon = indexOfBefore(r, ':', at);
            userEnd = colon >= 0 ? colon : at;
            if (!skipEscaped(r, userEnd, CharClass.USER, "user part")) {
                return null;
            }
            if (colon >= 0) {
                r.pos = colon + 1;
                if (!skipEscaped(r, at, CharClass.PASSWORD, "password")) {
                    return null;
                }
            }
            if (userEnd == userStart) {
                return r.fail("empty user part before '@'");
            }
            r.pos = at + 1;
        }

        int hostStart = r.pos;
        if (!skipHost(r)) {
            return null;
        }
        int hostEnd = r.pos;
        int port = -1;
        if (r.peek() == ':') {
            r.pos++;
            port = readPort(r);
            if (port < 0) {
                return null;
            }
        }
        int parametersStart = r.pos;
        if (!skipUriParameters(r)) {
            return null;
        }
        int parametersEnd = r.pos;
        if (r.peek() == '?' && !skipUriHeaders(r)) {
            return null;
        }
        return SipUri.fromWire(secure, r.bytes, userStart, userEnd, hostStart, hostEnd, port, parametersStart,
                parametersEnd, r.pos);
    }

    /**
     * Reads the usual Request-URI in one pass and leaves the cursor at the SP after it. The usual form
     * is {@code sip:}, an optional {@code user@}, a host name or IPv4 address, an optional port without
     * leading zeros and uri-parameters without %-escapes. Returns the URI as {@link #readUri} reads
     * it, or null for any other form, leaving the cursor where it was.
     */
    static SipUri readPlainRequestUri(ValueReader r) {
        byte[] bytes = r.bytes;
        int end = r.end;
        if (!isSipColon(r, r.pos)) {
            return null;
        }

        int userStart = r.pos + 4;
        // Host name characters are all user characters, so a run of them that stops at '@' is the user part.
        int pos = hostnameEnd(bytes, userStart, end);
        int userEnd = userStart;
        int hostStart = userStart;
        if (pos < end && bytes[pos] == '@' && pos > userStart) {
            userEnd = pos;
            hostStart = pos + 1;
            pos = hostnameEnd(bytes, hostStart, end);
        }
        int hostEnd = pos;
        if (hostEnd == hostStart) {
            return null;
        }
        int port = -1;
        if (pos < end && bytes[pos] == ':') {
            port = readPlainPort(bytes, pos + 1, end);
            if (port < 0) {
                return null;
            }
            pos += 1 + decimalLength(port);
        }

        int parametersStart = pos;
        pos = skipPlainUriParameters(bytes, pos, end);
        if (pos < 0 || pos >= end || bytes[pos] != ' ') {
            return null;
        }
        r.pos = pos;
        return SipUri.fromWire(false, bytes, userStart, userEnd, hostStart, hostEnd, port, parametersStart, pos, pos);
    }

    /**
     * Skips uri-parameters whose names and values are runs of parameter characters without '%', and
     * returns their end. Returns -1 when a name or value is empty. A '%' ends a run, so a caller that
     * expects '>' or SP at the returned end leaves an escaped parameter to the general reader.
     */
    static int skipPlainUriParameters(byte[] bytes, int pos, int end) {
        while (pos < end && bytes[pos] == ';') {
            int nameStart = pos + 1;
            pos = unescapedParameterEnd(bytes, nameStart, end);
            if (pos == nameStart) {
                return -1;
            }
            if (pos < end && bytes[pos] == '=') {
                int valueStart = pos + 1;
                pos = unescapedParameterEnd(bytes, valueStart, end);
                if (pos == valueStart) {
                    return -1;
                }
            }
        }
        return pos;
    }

    private static int unescapedParameterEnd(byte[] bytes, int pos, int end) {
        while (pos < end && CharClass.URI_PARAM[bytes[pos] & 0xFF] && bytes[pos] != '%') {
            pos++;
        }
        return pos;
    }

    /** Returns the end of the run of {@link CharClass#HOSTNAME} characters that starts at {@code pos}. */
    static int hostnameEnd(byte[] bytes, int pos, int end) {
        while (pos < end && CharClass.HOSTNAME[bytes[pos] & 0xFF]) {
            pos++;
        }
        return pos;
    }

    /**
     * host = hostname / IPv4address / IPv6reference. The inside of an IPv6 reference is checked only
     * for its alphabet, so that {@code [2001:db8:::192.0.2.1]} passes (RFC 5118 section 4.10).
     */
    static boolean skipHost(ValueReader r) {
        int start = r.pos;
        if (r.peek() == '[') {
            r.pos++;
            while (!r.atEnd() && (CharClass.isHex(r.peek()) || r.peek() == ':' || r.peek() == '.')) {
                r.pos++;
            }
            if (r.peek() != ']' || r.pos == start + 1) {
                r.fail("invalid IPv6 reference");
                return false;
            }
            r.pos++;
            return true;
        }
        byte[] bytes = r.bytes;
        int end = r.end;
        int pos = start;
        while (pos < end && CharClass.HOSTNAME[bytes[pos] & 0xFF]) {
            pos++;
        }
        r.pos = pos;
        if (pos == start) {
            r.fail("missing host");
            return false;
        }
        return true;
    }

    /** port = 1*DIGIT, at most 65535 and leading zeros allowed. Returns -1 after a failure. */
    static int readPort(ValueReader r) {
        int start = r.pos;
        while (r.peek() == '0') {
            r.pos++;
        }
        int significantStart = r.pos;
        int port = 0;
        while (CharClass.isDigit(r.peek()) && r.pos - significantStart < 6) {
            port = port * 10 + (r.peek() - '0');
            r.pos++;
        }
        if (r.pos == start || port > 65535 || CharClass.isDigit(r.peek())) {
            r.failAt(start, "invalid port");
            return -1;
        }
        return port;
    }

    /**
     * Returns the port written from {@code pos} as 1 to 5 digits without a leading zero, or -1 when
     * the digits there have another form or exceed 65535. The usual readers take only this form, so
     * the digits end at {@code pos + decimalLength(port)}.
     */
    static int readPlainPort(byte[] bytes, int pos, int end) {
        int port = 0;
        int i = pos;
        while (i < end && i - pos <= 5 && CharClass.isDigit(bytes[i])) {
            port = port * 10 + bytes[i] - '0';
            i++;
        }
        boolean plain = i > pos && i - pos <= 5 && bytes[pos] != '0' && port <= 65535;
        return plain ? port : -1;
    }

    /** Returns the number of decimal digits of {@code value}, from 0 to 99,999. */
    static int decimalLength(int value) {
        if (value < 10) {
            return 1;
        }
        if (value < 100) {
            return 2;
        }
        if (value < 1_000) {
            return 3;
        }
        return value < 10_000 ? 4 : 5;
    }

    /** Checks uri-parameters = *( ";" pname [ "=" pvalue ] ) without making strings; false after a failure. */
    private static boolean skipUriParameters(ValueReader r) {
        while (r.peek() == ';') {
            r.pos++;
            int nameStart = r.pos;
            if (!skipEscaped(r, r.end, CharClass.URI_PARAM, "URI parameter name")) {
                return false;
            }
            if (r.pos == nameStart) {
                r.fail("empty URI parameter name");
                return false;
            }
            if (r.peek() == '=') {
                r.pos++;
                int valueStart = r.pos;
                if (!skipEscaped(r, r.end, CharClass.URI_PARAM, "URI parameter value")) {
                    return false;
                }
                if (r.pos == valueStart) {
                    r.fail("empty value of URI parameter '" + r.ascii(nameStart, valueStart - 1) + "'");
                    return false;
                }
            }
        }
        return true;
    }

    /** Checks headers = "?" header *( "&" header ), header = hname "=" hvalue, without making strings. */
    private static boolean skipUriHeaders(ValueReader r) {
        do {
            r.pos++;
            int nameStart = r.pos;
            if (!skipEscaped(r, r.end, CharClass.URI_HEADER, "URI header name")) {
                return false;
            }
            if (r.pos == nameStart || r.peek() != '=') {
                r.fail("URI header without name=value");
                return false;
            }
            r.pos++;
            if (!skipEscaped(r, r.end, CharClass.URI_HEADER, "URI header value")) {
                return false;
            }
        } while (r.peek() == '&');
        return true;
    }

    /** uri-parameters = *( ";" pname [ "=" pvalue ] ), names and values kept with their escapes. */
    private static List<Parameter> readUriParameters(ValueReader r) {
        List<Parameter> parameters = r.parameterScratch();
        while (r.peek() == ';') {
            r.pos++;
            String name = readEscaped(r, r.end, CharClass.URI_PARAM, "URI parameter name");
            if (name == null) {
                return null;
            }
            if (name.isEmpty() || name.indexOf('=') >= 0) {
                return r.fail("empty URI parameter name");
            }
            String value = "";
            if (r.peek() == '=') {
                r.pos++;
                value = readEscaped(r, r.end, CharClass.URI_PARAM, "URI parameter value");
                if (value == null) {
                    return null;
                }
                if (value.isEmpty()) {
                    return r.fail("empty value of URI parameter '" + name + "'");
                }
            }
            parameters.add(new Parameter(name, value));
        }
        return r.takeParameters();
    }

    /** telephone-subscriber: the number, then parameters as in a SIP URI (RFC 3966 section 3). */
    private static TelUri readTelUri(ValueReader r) {
        int start = r.pos;
        while (!r.atEnd() && (CharClass.isHex(r.peek()) || CharClass.TEL_NUMBER[r.peek()]
                || r.peek() == 'p' || r.peek() == 'w' || r.peek() == 'P' || r.peek() == 'W')) {
            r.pos++;
        }
        if (r.pos == start) {
            return r.fail("missing tel URI number");
        }
        String number = r.ascii(start, r.pos);
        List<Parameter> parameters = readUriParameters(r);
        return parameters == null ? null : new TelUri(number, parameters);
    }

    /** absoluteURI = scheme ":" ( hier-part / opaque-part ), kept as text. */
    private static AbsoluteUri readAbsoluteUri(ValueReader r, String scheme) {
        int start = r.pos;
        r.skipClass(CharClass.ABSOLUTE_URI);
        if (r.pos == start) {
            return r.fail("empty URI after scheme '" + scheme + ":'");
        }
        return new AbsoluteUri(scheme, r.ascii(start, r.pos));
    }

    /** Reads bytes of {@code table} up to {@code limit}, checking each %-escape (RFC 3261 escaped = "%" HEXDIG HEXDIG). */
    private static String readEscaped(ValueReader r, int limit, boolean[] table, String what) {
        int start = r.pos;
        return skipEscaped(r, limit, table, what) ? r.ascii(start, r.pos) : null;
    }

    /**
     * Skips bytes of {@code table} up to {@code limit}, checking each %-escape. When {@code limit} is
     * not the end of the reader, the run must reach it. Returns false after a failure.
     */
    private static boolean skipEscaped(ValueReader r, int limit, boolean[] table, String what) {
        byte[] bytes = r.bytes;
        int pos = r.pos;
        while (pos < limit && table[bytes[pos] & 0xFF]) {
            if (bytes[pos] == '%') {
                if (pos + 2 >= limit || !CharClass.isHex(bytes[pos + 1] & 0xFF) || !CharClass.isHex(bytes[pos + 2] & 0xFF)) {
                    r.pos = pos;
                    r.fail("invalid %-escape in " + what);
                    return false;
                }
                pos += 2;
            }
            pos++;
        }
        r.pos = pos;
        if (pos < limit && limit != r.end) {
            r.fail("invalid character '" + (char) r.peek() + "' in " + what);
            return false;
        }
        return true;
    }

    /** Returns the end of the run of user characters other than '%' at the cursor, without moving it. */
    private static int peekPlainUserEnd(ValueReader r) {
        byte[] bytes = r.bytes;
        int end = r.end;
        int pos = r.pos;
        while (pos < end && CharClass.USER[bytes[pos] & 0xFF] && bytes[pos] != '%') {
            pos++;
        }
        return pos;
    }

    private static int indexOf(ValueReader r, char c, int from) {
        for (int i = from; i < r.end; i++) {
            if (r.bytes[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfBefore(ValueReader r, char c, int limit) {
        for (int i = r.pos; i < limit; i++) {
            if (r.bytes[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /** Returns whether {@code "sip:"}, in any case, starts at {@code start}: the scheme of most URIs. */
    private static boolean isSipColon(ValueReader r, int start) {
        byte[] bytes = r.bytes;
        return start + 4 <= r.end && (bytes[start] | 0x20) == 's' && (bytes[start + 1] | 0x20) == 'i'
                && (bytes[start + 2] | 0x20) == 'p' && bytes[start + 3] == ':';
    }

    private static boolean isScheme(ValueReader r, int start, int end, String scheme) {
        if (end - start != scheme.length()) {
            return false;
        }
        for (int i = 0; i < scheme.length(); i++) {
            if ((r.bytes[start + i] | 0x20) != scheme.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
