package io.parley.transport;

import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;

/** Finds the local address the operating system routes to a peer from, for a listener bound to a wildcard. */
final class LocalRoutes {

    private LocalRoutes() {
    }

    /**
     * Returns the source address of packets to {@code peer}. Connecting a UDP socket only selects a
     * route, so nothing is sent.
     */
    static InetAddress sourceAddressFor(InetSocketAddress peer) {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(peer);
            return probe.getLocalAddress();
        } catch (SocketException e) {
            throw new UncheckedIOException("no route to " + SocketAddresses.format(peer), e);
        }
    }
}
