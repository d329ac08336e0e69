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
        String commonTransport = readCommonSentProtocol(r);
        if (commonTransport != null) {
            return readSentBy(r, "SIP", "2.0", commonTransport);
        }
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
        return readSentBy(r, name, version, transport);
    }

    /**
     * Reads {@code SIP/2.0/UDP}, {@code SIP/2.0/TCP} or {@code SIP/2.0/TLS} followed by LWS, the
     * usual sent-protocols, and returns the transport. Returns null and leaves the cursor alone for
     * anything else, which the general rule then reads.
     */
    private static String readCommonSentProtocol(ValueReader r) {
        byte[] bytes = r.bytes;
        int pos = r.pos;
        if (r.end - pos < 12 || !CharClass.isLws(bytes[pos + 11]) || bytes[pos] != 'S' || bytes[pos + 1] != 'I'
                || bytes[pos + 2] != 'P' || bytes[pos + 3] != '/' || bytes[pos + 4] != '2' || bytes[pos + 5] != '.'
                || bytes[pos + 6] != '0' || bytes[pos + 7] != '/') {
            return null;
        }
        String transport = transport(bytes[pos + 8], bytes[pos + 9], bytes[pos + 10]);
        if (transport != null) {
            r.pos = pos + 11;
        }
        return transport;
    }

    private static String transport(byte first, byte second, byte third) {
        if (first == 'U' && second == 'D' && third == 'P') {
            return "UDP";
        }
        if (first == 'T' && second == 'C' && third == 'P') {
            return "TCP";
        }
        if (first == 'T' && second == 'L' && third == 'S') {
            return "TLS";
        }
        return null;
    }

    /** Reads {@code LWS sent-by *( SEMI via-params )} after the sent-protocol. */
    private static Via readSentBy(ValueReader r, String name, String version, String transport) {
        Via plain = readPlainSentBy(r, name, version, transport);
        return plain != null ? plain : readAnySentBy(r, name, version, transport);
    }

    /** Reads a sent-by and via-params of any form, as {@link #readSentBy} does. */
    static Via readAnySentBy(ValueReader r, String name, String version, String transport) {
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
                parametersEnd, r.keyStart, r.keyEnd);
    }

    /**
     * Reads the usual sent-by in one pass: one space, a host name or IPv4 address, an optional port
     * without leading zeros, then parameters as {@link AddressParser#skipPlainHeaderParameters}
     * reads them. Returns null and leaves the cursor alone for any other form, which
     * {@link #readAnySentBy} then reads, so that both give the same result.
     */
    static Via readPlainSentBy(ValueReader r, String name, String version, String transport) {
        byte[] bytes = r.bytes;
        int end = r.end;
        int pos = r.pos;
        if (pos >= end || bytes[pos] != ' ') {
            return null;
        }
        int hostStart = pos + 1;
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

        int parametersStart = pos;
        int parametersEnd = AddressParser.skipPlainHeaderParameters(r, pos, ParameterRule.VIA);
        if (parametersEnd < 0 || r.parameterProblem() != null) {
            return null;
        }
        r.pos = parametersEnd;
        return Via.fromWire(name, version, transport, bytes, hostStart, hostEnd, port, parametersStart,
                parametersEnd, r.keyStart, r.keyEnd);
    }

    private static boolean expectSlash(ValueReader r) {
        if (!r.skipSeparator('/')) {
            r.fail("missing '/' in sent-protocol");
            return false;
        }
        return true;
    }
}
