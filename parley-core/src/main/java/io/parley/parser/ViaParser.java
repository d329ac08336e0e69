package io.parley.parser;

import io.parley.message.Via;

/**
 * Reads one via-parm (RFC 3261 section 20.42), with LWS allowed around '/', ':', ';' and '='. The
 * via-params rules are in {@link ParameterRule#VIA}.
 */
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

        int hostStart = r.pos;
        if (!UriParser.skipHost(r)) {
            return null;
        }
        int hostEnd = r.pos;
        int port = -1;
        if (r.skipSeparator(':')) {
            port = UriParser.readPort(r);
            if (port < 0) {
                return null;
            }
        }
        int parametersStart = r.pos;
        int parametersEnd = AddressParser.skipHeaderParameters(r, ParameterRule.VIA);
        if (parametersEnd < 0) {
            return null;
        }
        if (r.parameterProblem() != null) {
            return r.fail(r.parameterProblem());
        }
        return Via.fromWire(name, version, transport, r.bytes, hostStart, hostEnd, port, parametersStart,
                parametersEnd);
    }

    private static boolean expectSlash(ValueReader r) {
        if (!r.skipSeparator('/')) {
            r.fail("missing '/' in sent-protocol");
            return false;
        }
        return true;
    }
}
