package io.parley.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The next hop of a request: a transport and a resolved socket address. Parley does no DNS lookups of
 * RFC 3263; the caller resolves the next hop.
 *
 * @param transport the transport to use; a UDP request over 1300 bytes still goes over TCP (RFC 3261
 *     section 18.1.1)
 * @param address the peer's resolved socket address
 */
public record Destination(Transport transport, InetSocketAddress address) {

    public Destination {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("destination " + address + " is unresolved; resolve the host first");
        }
    }

    @Override
    public String toString() {
        return transport + " " + SocketAddresses.format(address);
    }
}
