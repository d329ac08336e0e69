package io.parley.parser;

import io.parley.message.Parameter;
import io.parley.message.Via;
import java.util.List;

/** Reads one via-parm (RFC 3261 section 20.42), with LWS allowed around '/', ':', ';' and '='. */
final class ViaParser {

    private ViaParser() {
    }

    /**
     * via-parm = sent-protocol LWS sent-by *( SEMI via-params ), sent-protocol = protocol-name SLASH
     * protocol-version SLASH transport. Leaves the cursor at the end or before the comma of the next
     * value; returns null after a failure.
     */
    static Via readVia(ValueReader r) {
        r.skipLws();
        String name = r.readToken("protocol name, such as SIP/2.0/UDP");
        if (name == null || !expectSlash(r)) {
            return null;
        }
        String version = r.readToken("protocol version");
        if (version == null || !expectSlash(r)) {
            return null;
        }
        String transport = r.readToken("transport");
        if (transport == null) {
            return null;
        }
        int beforeLws = r.pos;
        r.skipLws();
        if (r.pos == beforeLws) {
            return r.fail("missing space before sent-by");
        }

        String host = UriParser.readHost(r);
        if (host == null) {
            return null;
        }
        int port = -1;
        if (r.skipSeparator(':')) {
            port = UriParser.readPort(r);
            if (port < 0) {
                return null;
            }
        }
        List<Parameter> parameters = readViaParameters(r);
        return parameters == null ? null : new Via(name, version, transport, host, port, parameters);
    }

    private static boolean expectSlash(ValueReader r) {
        if (!r.skipSeparator('/')) {
            r.fail("missing '/' in sent-protocol");
            return false;
        }
        return true;
    }

    /**
     * via-params = via-ttl / via-maddr / via-received / via-branch / via-extension. The received
     * value may be an IPv6 address with or without brackets (RFC 5118 section 4.5).
     */
    private static List<Parameter> readViaParameters(ValueReader r) {
        List<Parameter> parameters = AddressParser.readHeaderParameters(r);
        if (parameters == null) {
            return null;
        }
        for (int i = 0; i < parameters.size(); i++) {
            String reason = checkParameter(parameters.get(i));
            if (reason != null) {
                return r.fail(reason);
            }
        }
        return parameters;
    }

    private static String checkParameter(Parameter parameter) {
        String value = parameter.value();
        if (parameter.is("branch") && !isToken(value)) {
            return "branch is not a token";
        }
        if (parameter.is("ttl") && (!isDigits(value, 3) || Integer.parseInt(value) > 255)) {
            return "ttl is not 0 to 255";
        }
        if (parameter.is("rport") && !value.isEmpty() && (!isDigits(value, 5) || Integer.parseInt(value) > 65535)) {
            return "rport is not a port number";
        }
        if ((parameter.is("received") || parameter.is("maddr")) && !isHost(value)) {
            return parameter.name() + " is not an IP address or host name";
        }
        return null;
    }

    private static boolean isToken(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0xFF || !CharClass.TOKEN[c]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigits(String value, int maxLength) {
        if (value.isEmpty() || value.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!CharClass.isDigit(value.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isHost(String value) {
        if (value.isEmpty()) {
            return false;
        }
        int start = value.charAt(0) == '[' ? 1 : 0;
        int end = value.length() - (start == 1 ? 1 : 0);
        if (start == 1 && value.charAt(value.length() - 1) != ']') {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = value.charAt(i);
            if (c > 0xFF || !CharClass.HOST[c]) {
                return false;
            }
        }
        return end > start;
    }
}
