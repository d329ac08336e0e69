package io.parley.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Set;

/**
 * Picks loopback ports that are free for both UDP and TCP, because a SIP peer usually listens on
 * the same port number with both transports.
 *
 * <p>NOTE: another process may take a port between this check and the peer's bind. The peer then
 * fails to start, and the test report shows its log.
 */
final class LoopbackPorts {

    /** 127.0.0.1 with that text as its host name, so TLS checks the certificate's IP address entry. */
    static final InetAddress LOOPBACK = loopback();

    private static final int MAX_ATTEMPTS = 50;

    /** Ports handed out by this JVM, so two peers of one test never get the same number. */
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private LoopbackPorts() {
    }

    /** Returns a port number on 127.0.0.1 that was free for UDP and TCP when checked. */
    static synchronized int freePort() {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            int port = ephemeralTcpPort();
            if (!HANDED_OUT.contains(port) && isUdpFree(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no loopback port free for both UDP and TCP after " + MAX_ATTEMPTS + " attempts");
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByAddress("127.0.0.1", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a four-byte address is always valid", e);
        }
    }

    private static int ephemeralTcpPort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(LOOPBACK, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind a TCP socket on " + LOOPBACK.getHostAddress(), e);
        }
    }

    private static boolean isUdpFree(int port) {
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, port))) {
            return socket.getLocalPort() == port;
        } catch (SocketException e) {
            return false;
        }
    }
}
