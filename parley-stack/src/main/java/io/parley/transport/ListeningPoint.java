package io.parley.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A local socket a listener is bound to.
 *
 * @param transport the transport it accepts
 * @param address the bound address, with the actual port when port 0 was requested
 */
public record ListeningPoint(Transport transport, InetSocketAddress address) {

    public ListeningPoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
    }

    @Override
    public String toString() {
        return transport + " " + SocketAddresses.format(address);
    }
}
