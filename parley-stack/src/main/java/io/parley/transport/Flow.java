package io.parley.transport;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The path one message took: the transport, our local socket address and the peer's address. For
 * TCP and TLS a flow is one connection (RFC 5626 section 3).
 *
 * @param transport the transport
 * @param local our socket address, as bound
 * @param remote the peer's socket address
 */
public record Flow(Transport transport, InetSocketAddress local, InetSocketAddress remote) {

    public Flow {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(local, "local");
        Objects.requireNonNull(remote, "remote");
    }

    /** Returns where a message on this flow goes, for sending another one the same way. */
    public Destination destination() {
        return new Destination(transport, remote);
    }

    @Override
    public String toString() {
        return transport + " " + SocketAddresses.format(local) + " -> " + SocketAddresses.format(remote);
    }
}
