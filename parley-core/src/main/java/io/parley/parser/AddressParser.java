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
        r.skipLws();
        int start = r.pos;
        String displayName = "";
        if (r.peek() == '"') {
            displayName = r.readQuotedContent();
            if (displayName == null) {
                return null;
            }
            r.skipLws();
            if (r.peek() != '<') {
                return r.fail("missing '<' after display name");
            }
        } else {
            displayName = readTokenDisplayName(r);
            if (r.peek() != '<') {
                r.pos = start;
                r.skipClass(CharClass.TOKEN);
                if (r.peek() != ':') {
                    return r.fail("display name with characters other than tokens must be quoted");
                }
                r.pos = start;
                return readAddrSpec(r);
            }
        }
        Uri uri = readBracketedUri(r);
        if (uri == null) {
            return null;
        }
        List<Parameter> parameters = readHeaderParameters(r);
        return parameters == null ? null : new NameAddress(displayName, uri, parameters);
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
        NameAddress address = readAddress(r);
        if (address == null) {
            return null;
        }
        List<Parameter> parameters = address.parameters();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            if (parameter.is("expires") && ScalarParser.deltaSeconds(parameter.value()) < 0) {
                return r.failAt(start, "expires parameter is not 0 to 2^32-1 seconds");
            }
            if (parameter.is("q") && !isQValue(parameter.value())) {
                return r.failAt(start, "q parameter is not a qvalue between 0 and 1");
            }
        }
        return Contact.of(address);
    }

    /**
     * display-name = *(token LWS): returns the tokens joined by one space, and stops before anything
     * else. A single token, the usual case, is read without a copy.
     */
    private static String readTokenDisplayName(ValueReader r) {
        String single = null;
        StringBuilder joined = null;
        int mark = r.pos;
        while (!r.atEnd() && CharClass.TOKEN[r.peek()]) {
            int tokenStart = r.pos;
            r.skipClass(CharClass.TOKEN);
            if (single == null) {
                single = r.ascii(tokenStart, r.pos);
            } else {
                if (joined == null) {
                    joined = new StringBuilder(single);
                }
                joined.append(' ').append(r.ascii(tokenStart, r.pos));
            }
            mark = r.pos;
            r.skipLws();
        }
        if (r.peek() != '<') {
            r.pos = mark;
        }
        if (single == null) {
            return "";
        }
        return joined == null ? single : joined.toString();
    }

    /** LAQUOT addr-spec RAQUOT, with no whitespace inside the brackets (RFC 4475 section 3.1.2.14). */
    private static Uri readBracketedUri(ValueReader r) {
        r.pos++;
        int uriStart = r.pos;
        int close = uriStart;
        while (close < r.end && r.bytes[close] != '>') {
            if (CharClass.isLws(r.bytes[close])) {
                return r.failAt(close, "whitespace inside <>");
            }
            close++;
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
    private static NameAddress readAddrSpec(ValueReader r) {
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
        List<Parameter> parameters = readHeaderParameters(r);
        return parameters == null ? null : new NameAddress("", uri, parameters);
    }

    /**
     * Reads {@code *( SEMI generic-param )}, generic-param = token [ EQUAL gen-value ]; a quoted value
     * keeps its quotes. Stops at the end or before a comma.
     */
    static List<Parameter> readHeaderParameters(ValueReader r) {
        List<Parameter> parameters = r.parameters;
        parameters.clear();
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

    /** qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ). */
    private static boolean isQValue(String value) {
        if (value.isEmpty() || value.length() > 5 || (value.charAt(0) != '0' && value.charAt(0) != '1')) {
            return false;
        }
        if (value.length() == 1) {
            return true;
        }
        if (value.charAt(1) != '.') {
            return false;
        }
        for (int i = 2; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9' || (value.charAt(0) == '1' && c != '0')) {
                return false;
            }
        }
        return true;
    }
}
