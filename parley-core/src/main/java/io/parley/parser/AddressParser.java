package io.parley.parser;

import io.parley.message.Contact;
import io.parley.message.NameAddress;
import io.parley.message.Parameter;
import io.parley.message.SipUri;
import io.parley.message.Uri;
import java.util.List;

/** Reads {@code (name-addr / addr-spec) *(SEMI generic-param)} values: From, To, Contact, Route, Record-Route. */
final class AddressParser {

    private AddressParser() {
    }

    /**
     * Reads one address and its header parameters, leaving the cursor at the end of the value or at
     * the comma before the next one. Returns null after a failure.
     */
    static NameAddress readAddress(ValueReader r) {
        return readAddress(r, ParameterRule.NONE);
    }

    /** Reads a Contact value: {@code "*"} or an address whose expires and q parameters are checked. */
    static Contact readContact(ValueReader r) {
        r.skipLws();
        if (r.peek() == '*') {
            r.pos++;
            r.skipLws();
            return r.atEnd() ? Contact.WILDCARD : r.fail("text after Contact '*'");
        }
        int start = r.pos;
        NameAddress address = readAddress(r, ParameterRule.CONTACT);
        if (address == null) {
            return null;
        }
        if (r.parameterProblem() != null) {
            return r.failAt(start, r.parameterProblem());
        }
        return Contact.of(address);
    }

    /**
     * Reads one address as {@link #readAddress(ValueReader)} does, and records the first parameter
     * that breaks {@code rule} in {@link ValueReader#parameterProblem()}.
     */
    private static NameAddress readAddress(ValueReader r, ParameterRule rule) {
        NameAddress plain = readPlainAddress(r, rule);
        return plain != null ? plain : readAnyAddress(r, rule);
    }

    /** Reads one address of any form, as {@link #readAddress(ValueReader, ParameterRule)} does. */
    static NameAddress readAnyAddress(ValueReader r, ParameterRule rule) {
        r.skipLws();
        if (r.atEnd() || r.peek() == ',') {
            return r.fail("missing address");
        }
        int start = r.pos;
        int displayNameEnd;
        if (r.peek() == '"') {
            if (!r.skipQuoted()) {
                return null;
            }
            displayNameEnd = r.pos;
            r.skipLws();
            if (r.peek() != '<') {
                return r.fail("missing '<' after display name");
            }
        } else {
            displayNameEnd = skipTokenDisplayName(r);
            if (r.peek() != '<') {
                r.pos = start;
                r.skipClass(CharClass.TOKEN);
                if (r.peek() != ':') {
                    return r.fail("display name with characters other than tokens must be quoted");
                }
                r.pos = start;
                return readAddrSpec(r, rule);
            }
        }
        Uri uri = readBracketedUri(r);
        if (uri == null) {
            return null;
        }
        int parametersStart = r.pos;
        int parametersEnd = skipHeaderParameters(r, rule);
        if (parametersEnd < 0) {
            return null;
        }
        return NameAddress.fromWire(r.bytes, start, displayNameEnd, uri, parametersStart, parametersEnd, r.keyStart,
                r.keyEnd);
    }

    /**
     * Reads the usual address in one pass, or returns null and leaves the cursor alone, so that the
     * general reader reads any other address from the start. The usual address is an optional
     * display name (one token and a space, or a quoted string without quoted-pairs or control
     * characters), then {@code <sip:user@host:port;uri-parameters>} without %-escapes, password or
     * URI headers, then parameters as {@link #skipPlainHeaderParameters} reads them. Both readers
     * give the same result for it.
     */
    static NameAddress readPlainAddress(ValueReader r, ParameterRule rule) {
        byte[] bytes = r.bytes;
        int end = r.end;
        int start = r.pos;
        int pos = start;
        if (pos < end && bytes[pos] == '"') {
            pos++;
            while (pos < end && bytes[pos] != '"' && bytes[pos] != '\\' && !CharClass.isControl(bytes[pos] & 0xFF)) {
                pos++;
            }
            if (pos >= end || bytes[pos] != '"') {
                return null;
            }
            pos++;
        } else {
            while (pos < end && CharClass.TOKEN[bytes[pos] & 0xFF]) {
                pos++;
            }
        }
        int displayNameEnd = pos;

        if (pos > start && pos < end && bytes[pos] == ' ') {
            pos++;
        } else if (pos > start && bytes[start] != '"') {
            return null;
        }
        if (pos + 5 >= end || bytes[pos] != '<' || bytes[pos + 1] != 's' || bytes[pos + 2] != 'i'
                || bytes[pos + 3] != 'p' || bytes[pos + 4] != ':') {
            return null;
        }
        pos += 5;

        int userStart = pos;
        while (pos < end && CharClass.USER[bytes[pos] & 0xFF] && bytes[pos] != '%') {
            pos++;
        }
        int userEnd = userStart;
        int hostStart = userStart;
        if (pos < end && bytes[pos] == '@') {
            if (pos == userStart) {
                return null;
            }
            userEnd = pos;
            hostStart = pos + 1;
        }
        pos = UriParser.hostnameEnd(bytes, hostStart, end);
        int hostEnd = pos;
        if (hostEnd == hostStart) {
            return null;
        }
        int port = -1;
        if (pos < end && bytes[pos] == ':') {
            port = UriParser.readPlainPort(bytes, pos + 1, end);
            if (port < 0) {
                return null;
            }
            pos += 1 + UriParser.decimalLength(port);
        }

        int uriParametersStart = pos;
        pos = UriParser.skipPlainUriParameters(bytes, pos, end);
        int uriParametersEnd = pos;
        if (pos < 0 || pos >= end || bytes[pos] != '>') {
            return null;
        }
        pos++;

        int parametersStart = pos;
        pos = skipPlainHeaderParameters(r, pos, rule);
        if (pos < 0) {
            return null;
        }
        SipUri uri = SipUri.fromWire(false, bytes, userStart, userEnd, hostStart, hostEnd, port, uriParametersStart,
                uriParametersEnd, uriParametersEnd);
        r.pos = pos;
        return NameAddress.fromWire(bytes, start, displayNameEnd, uri, parametersStart, pos, r.keyStart, r.keyEnd);
    }

    /**
     * Checks the usual header parameters from {@code pos}, {@code ;name} or {@code ;name=value} with
     * an unquoted value and no whitespace, up to the end or a comma. Returns their end after
     * recording the rule's problem and the key range as {@link #skipHeaderParameters} does, or -1
     * for any other form, which that method then checks.
     */
    static int skipPlainHeaderParameters(ValueReader r, int pos, ParameterRule rule) {
        byte[] bytes = r.bytes;
        int end = r.end;
        int keyStart = ValueReader.KEY_ABSENT;
        int keyEnd = ValueReader.KEY_ABSENT;
        String problem = null;
        while (pos < end && bytes[pos] == ';') {
            pos++;
            int nameStart = pos;
            while (pos < end && CharClass.TOKEN[bytes[pos] & 0xFF]) {
                pos++;
            }
            int nameEnd = pos;
            if (nameEnd == nameStart) {
                return -1;
            }
            int valueStart = nameEnd;
            if (pos < end && bytes[pos] == '=') {
                pos++;
                valueStart = pos;
                while (pos < end && CharClass.GEN_VALUE[bytes[pos] & 0xFF]) {
                    pos++;
                }
                if (pos == valueStart) {
                    return -1;
                }
            }
            if (problem == null) {
                problem = rule.check(bytes, nameStart, nameEnd, valueStart, pos);
            }
            if (keyStart == ValueReader.KEY_ABSENT && rule.isKey(bytes, nameStart, nameEnd)) {
                keyStart = valueStart;
                keyEnd = pos;
            }
        }
        if (pos < end && bytes[pos] != ',') {
            return -1;
        }

        r.clearParameterProblem();
        r.recordParameterProblem(problem);
        r.keyStart = keyStart;
        r.keyEnd = keyEnd;
        return pos;
    }

    /**
     * display-name = *(token LWS): skips the tokens and the LWS between them, stops before anything
     * else, and returns the end of the last token (the start when there is none).
     */
    private static int skipTokenDisplayName(ValueReader r) {
        int mark = r.pos;
        while (!r.atEnd() && CharClass.TOKEN[r.peek()]) {
            r.skipClass(CharClass.TOKEN);
            mark = r.pos;
            r.skipLws();
        }
        if (r.peek() != '<') {
            r.pos = mark;
        }
        return mark;
    }

    /** LAQUOT addr-spec RAQUOT, with no whitespace inside the brackets (RFC 4475 section 3.1.2.14). */
    private static Uri readBracketedUri(ValueReader r) {
        r.pos++;
        int uriStart = r.pos;
        int close = ByteScan.indexOfGreaterThanOrSpace(r.bytes, uriStart, r.end);
        while (close < r.end && r.bytes[close] != '>') {
            if (CharClass.isLws(r.bytes[close])) {
                return r.failAt(close, "whitespace inside <>");
            }
            // A control character other than LWS: the URI reader reports it.
            close = ByteScan.indexOfGreaterThanOrSpace(r.bytes, close + 1, r.end);
        }
        if (close >= r.end) {
            return r.fail("missing '>'");
        }
        Uri uri = UriParser.readUri(r, close);
        if (uri == null) {
            return null;
        }
        r.pos = close + 1;
        return uri;
    }

    /**
     * addr-spec without brackets. It ends at the first ';', ',' or whitespace, so a SIP URI holding
     * headers ('?') must use name-addr form (RFC 3261 section 20.10).
     */
    private static NameAddress readAddrSpec(ValueReader r, ParameterRule rule) {
        int start = r.pos;
        int uriEnd = start;
        while (uriEnd < r.end && r.bytes[uriEnd] != ';' && r.bytes[uriEnd] != ','
                && !CharClass.isLws(r.bytes[uriEnd])) {
            uriEnd++;
        }
        Uri uri = UriParser.readUri(r, uriEnd);
        if (uri == null) {
            return null;
        }
        if (uri instanceof SipUri sipUri && !sipUri.headers().isEmpty()) {
            return r.failAt(start, "URI with headers must be enclosed in <>");
        }
        int parametersStart = r.pos;
        int parametersEnd = skipHeaderParameters(r, rule);
        if (parametersEnd < 0) {
            return null;
        }
        return NameAddress.fromWire(r.bytes, start, start, uri, parametersStart, parametersEnd, r.keyStart, r.keyEnd);
    }

    /**
     * Checks {@code *( SEMI generic-param )} as {@link #readHeaderParameters} reads it, without
     * making strings, and returns the end of the last parameter, or -1 after a failure. Records the
     * first parameter that breaks {@code rule} in {@link ValueReader#parameterProblem()}, and leaves
     * the cursor at the end or before a comma.
     */
    static int skipHeaderParameters(ValueReader r, ParameterRule rule) {
        r.clearParameterProblem();
        r.keyStart = ValueReader.KEY_ABSENT;
        byte[] bytes = r.bytes;
        int end = r.end;
        int pos = r.pos;
        while (true) {
            // SEMI = SWS ";" SWS. The loop keeps its position in local variables and hands the cursor
            // over only for values and errors.
            int semicolon = skipLws(bytes, pos, end);
            if (semicolon >= end || bytes[semicolon] != ';') {
                break;
            }
            int nameStart = skipLws(bytes, semicolon + 1, end);
            int nameEnd = nameStart;
            while (nameEnd < end && CharClass.TOKEN[bytes[nameEnd] & 0xFF]) {
                nameEnd++;
            }
            if (nameEnd == nameStart) {
                r.pos = nameStart;
                r.fail("missing parameter name after ';'");
                return -1;
            }
            pos = nameEnd;
            int valueStart = nameEnd;
            int equals = skipLws(bytes, nameEnd, end);
            if (equals < end && bytes[equals] == '=') {
                r.pos = skipLws(bytes, equals + 1, end);
                valueStart = r.pos;
                if (!skipGenericValue(r, nameStart, nameEnd)) {
                    return -1;
                }
                pos = r.pos;
            }
            if (r.parameterProblem() == null) {
                r.recordParameterProblem(rule.check(bytes, nameStart, nameEnd, valueStart, pos));
            }
            if (r.keyStart == ValueReader.KEY_ABSENT && rule.isKey(bytes, nameStart, nameEnd)) {
                recordKey(r, valueStart, pos);
            }
        }
        r.pos = pos;
        r.skipLws();
        if (!r.atEnd() && r.peek() != ',') {
            r.fail("unexpected character '" + (char) r.peek() + "' after value");
            return -1;
        }
        return pos;
    }

    private static int skipLws(byte[] bytes, int pos, int end) {
        while (pos < end && CharClass.isLws(bytes[pos])) {
            pos++;
        }
        return pos;
    }

    /**
     * Records the value range of the first branch or tag parameter, so that the typed value reads it
     * without searching. A quoted value keeps its quotes and folds, so it is left to that search.
     */
    private static void recordKey(ValueReader r, int valueStart, int valueEnd) {
        boolean quoted = valueEnd > valueStart && r.bytes[valueStart] == '"';
        r.keyStart = quoted ? ValueReader.KEY_UNKNOWN : valueStart;
        r.keyEnd = valueEnd;
    }

    /** Checks gen-value = token / host / quoted-string at the cursor; false after a failure. */
    private static boolean skipGenericValue(ValueReader r, int nameStart, int nameEnd) {
        int start = r.pos;
        if (r.peek() == '"') {
            return r.skipQuoted();
        }
        r.skipClass(CharClass.GEN_VALUE);
        if (r.pos == start) {
            r.fail("missing value of parameter '" + r.ascii(nameStart, nameEnd) + "'");
            return false;
        }
        return true;
    }

    /**
     * Reads {@code *( SEMI generic-param )}, generic-param = token [ EQUAL gen-value ]; a quoted value
     * keeps its quotes. Stops at the end or before a comma.
     */
    static List<Parameter> readHeaderParameters(ValueReader r) {
        List<Parameter> parameters = r.parameterScratch();
        while (r.skipSeparator(';')) {
            String name = r.readToken("parameter name after ';'");
            if (name == null) {
                return null;
            }
            String value = "";
            if (r.skipSeparator('=')) {
                value = readGenericValue(r, name);
                if (value == null) {
                    return null;
                }
            }
            parameters.add(new Parameter(name, value));
        }
        r.skipLws();
        if (!r.atEnd() && r.peek() != ',') {
            return r.fail("unexpected character '" + (char) r.peek() + "' after value");
        }
        return r.takeParameters();
    }

    /** gen-value = token / host / quoted-string, returned as written. */
    static String readGenericValue(ValueReader r, String name) {
        int start = r.pos;
        if (r.peek() == '"') {
            return r.skipQuoted() ? r.unfolded(start, r.pos) : null;
        }
        r.skipClass(CharClass.GEN_VALUE);
        if (r.pos == start) {
            return r.fail("missing value of parameter '" + name + "'");
        }
        return r.ascii(start, r.pos);
    }
}
