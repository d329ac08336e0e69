package io.parley.transport;

import io.parley.message.Parameter;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.Via;
import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The Via rules of RFC 3261 section 18 and RFC 3581, on both sides of the wire. */
final class ViaRules {

    private ViaRules() {
    }

    /**
     * Fills in the top Via of an outbound request: the transport and sent-by actually used, and an
     * {@code rport} without value so the server reports our source port (RFC 3581 section 3).
     * The branch and any other parameters stay.
     */
    static SipRequest stampOutbound(SipRequest request, Transport transport, InetSocketAddress sentBy) {
        Via top = request.topVia().orElseThrow(() -> new IllegalArgumentException("request has no Via"));
        List<Parameter> parameters = new ArrayList<>(top.parameters().size() + 1);
        boolean hasRport = false;
        for (Parameter parameter : top.parameters()) {
            if (parameter.is("received")) {
                continue;
            }
            if (parameter.is("rport")) {
                hasRport = true;
                parameters.add(Parameter.flag("rport"));
                continue;
            }
            parameters.add(parameter);
        }
        if (!hasRport) {
            parameters.add(Parameter.flag("rport"));
        }
        Via stamped = new Via(top.protocolName(), top.protocolVersion(), transport.name(),
                SocketAddresses.host(sentBy.getAddress()), sentBy.getPort(), parameters);
        return request.withTopVia(stamped);
    }

    /**
     * Records where an inbound request came from (RFC 3261 section 18.2.1, RFC 3581 section 4):
     * {@code received} when the sent-by host is not the source address or {@code rport} was asked
     * for, and the source port in {@code rport} when it was asked for.
     */
    static SipRequest stampInbound(SipRequest request, InetSocketAddress source) {
        Optional<Via> found = request.topVia();
        if (found.isEmpty()) {
            return request;
        }
        Via top = found.get();
        Via stamped = top;
        String sourceHost = SocketAddresses.host(source.getAddress());
        if (top.hasRport() || !sameAddress(top.host(), source.getAddress())) {
            stamped = stamped.withReceived(SocketAddresses.stripBrackets(sourceHost));
        }
        if (top.hasRport()) {
            stamped = stamped.withRport(source.getPort());
        }
        if (stamped == top) {
            return request;
        }
        return request.withTopVia(stamped);
    }

    /**
     * Returns the address a response goes to when it cannot reuse the request's connection (RFC 3261
     * section 18.2.2, RFC 3581 section 4). That is the {@code received} address, else the sent-by
     * host, at the {@code rport} port when present and {@code useRport} is set (UDP), else at the
     * sent-by port or the default port.
     * A sent-by host name is never resolved, so the result is empty for one without {@code received}.
     */
    static Optional<InetSocketAddress> responseTarget(SipResponse response, Transport transport, boolean useRport) {
        Optional<Via> found = response.topVia();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Via via = found.get();
        // NOTE: a maddr parameter (multicast) is ignored; the response goes to received or sent-by.
        String host = via.received().orElse(via.host());
        InetAddress address = ipLiteral(host);
        if (address == null) {
            return Optional.empty();
        }
        int sentByPort = via.port() >= 0 ? via.port() : transport.defaultPort();
        int port = useRport ? via.rport().orElse(sentByPort) : sentByPort;
        return Optional.of(new InetSocketAddress(address, port));
    }

    /** Returns the address of an IP literal, with or without IPv6 brackets; null for a host name, never resolved. */
    static InetAddress ipLiteral(String host) {
        String bare = SocketAddresses.stripBrackets(host);
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(bare);
        if (bytes == null) {
            return null;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("NetUtil returned " + bytes.length + " address bytes for '" + bare
                    + "'; expected 4 or 16", e);
        }
    }

    private static boolean sameAddress(String viaHost, InetAddress source) {
        InetAddress literal = ipLiteral(viaHost.toLowerCase(Locale.ROOT));
        return literal != null && literal.equals(source);
    }
}
