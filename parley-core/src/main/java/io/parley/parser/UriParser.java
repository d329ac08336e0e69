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
     * first '@' because no later component may contain an unescaped '@'.
     */
    private static SipUri readSipUri(ValueReader r, boolean secure) {
        String user = "";
        String password = "";
        int at = indexOf(r, '@');
        if (at >= 0) {
            int colon = indexOfBefore(r, ':', at);
            int userEnd = colon >= 0 ? colon : at;
            user = readEscaped(r, userEnd, CharClass.USER, "user part");
            if (colon >= 0 && user != null) {
                r.pos = colon + 1;
                password = readEscaped(r, at, CharClass.PASSWORD, "password");
            }
            if (user == null || password == null) {
                return null;
            }
            if (user.isEmpty()) {
                return r.fail("empty user part before '@'");
            }
            r.pos = at + 1;
        }

        String host = readHost(r);
        if (host == null) {
            return null;
        }
        int port = -1;
        if (r.peek() == ':') {
            r.pos++;
            port = readPort(r);
            if (port < 0) {
                return null;
            }
        }
        List<Parameter> parameters = readUriParameters(r);
        List<Parameter> headers = parameters == null ? null : readUriHeaders(r);
        if (headers == null) {
            return null;
        }
        return new SipUri(secure, user, password, host, port, parameters, headers);
    }

    /**
     * host = hostname / IPv4address / IPv6reference. The inside of an IPv6 reference is checked only
     * for its alphabet, so that {@code [2001:db8:::192.0.2.1]} passes (RFC 5118 section 4.10).
     */
    static String readHost(ValueReader r) {
        int start = r.pos;
        if (r.peek() == '[') {
            r.pos++;
            while (!r.atEnd() && (CharClass.isHex(r.peek()) || r.peek() == ':' || r.peek() == '.')) {
                r.pos++;
            }
            if (r.peek() != ']' || r.pos == start + 1) {
                return r.fail("invalid IPv6 reference");
            }
            r.pos++;
            return r.ascii(start, r.pos);
        }
        while (!r.atEnd() && (CharClass.isAlpha(r.peek()) || CharClass.isDigit(r.peek())
                || r.peek() == '-' || r.peek() == '.' || r.peek() == '_')) {
            r.pos++;
        }
        if (r.pos == start) {
            return r.fail("missing host");
        }
        return r.ascii(start, r.pos);
    }

    /** port = 1*DIGIT, at most 65535. Returns -1 after a failure. */
    static int readPort(ValueReader r) {
        int start = r.pos;
        int port = 0;
        while (CharClass.isDigit(r.peek()) && r.pos - start < 6) {
            port = port * 10 + (r.peek() - '0');
            r.pos++;
        }
        if (r.pos == start || port > 65535 || CharClass.isDigit(r.peek())) {
            r.failAt(start, "invalid port");
            return -1;
        }
        return port;
    }

    /** uri-parameters = *( ";" pname [ "=" pvalue ] ), names and values kept with their escapes. */
    private static List<Parameter> readUriParameters(ValueReader r) {
        List<Parameter> parameters = r.parameters;
        parameters.clear();
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

    /** headers = "?" header *( "&" header ), header = hname "=" hvalue. */
    private static List<Parameter> readUriHeaders(ValueReader r) {
        if (r.peek() != '?') {
            return List.of();
        }
        List<Parameter> headers = r.parameters;
        headers.clear();
        do {
            r.pos++;
            String name = readEscaped(r, r.end, CharClass.URI_HEADER, "URI header name");
            if (name == null) {
                return null;
            }
            if (name.isEmpty() || r.peek() != '=') {
                return r.fail("URI header without name=value");
            }
            r.pos++;
            String value = readEscaped(r, r.end, CharClass.URI_HEADER, "URI header value");
            if (value == null) {
                return null;
            }
            headers.add(new Parameter(name, value));
        } while (r.peek() == '&');
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
        while (r.pos < limit && table[r.peek()]) {
            if (r.peek() == '%') {
                if (r.pos + 2 >= limit || !CharClass.isHex(r.bytes[r.pos + 1] & 0xFF)
                        || !CharClass.isHex(r.bytes[r.pos + 2] & 0xFF)) {
                    return r.fail("invalid %-escape in " + what);
                }
                r.pos += 2;
            }
            r.pos++;
        }
        if (r.pos < limit && limit != r.end) {
            return r.fail("invalid character '" + (char) r.peek() + "' in " + what);
        }
        return r.ascii(start, r.pos);
    }

    private static int indexOf(ValueReader r, char c) {
        for (int i = r.pos; i < r.end; i++) {
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
