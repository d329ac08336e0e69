package io.parley.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A minimal SIP client for crafting requests that SIPp cannot send: it writes request text as
 * given and reads one response, over UDP, TCP or TLS to 127.0.0.1. It does not retransmit, which
 * is safe on loopback, and reads no bodies.
 */
final class SipTestClient implements AutoCloseable {

    private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(5);
    private static final int MAX_MESSAGE_BYTES = 65_535;

    private final Transport transport;
    private final int remotePort;
    private final DatagramSocket datagramSocket;
    private final Socket streamSocket;

    private SipTestClient(Transport transport, int remotePort, DatagramSocket datagramSocket, Socket streamSocket) {
        this.transport = transport;
        this.remotePort = remotePort;
        this.datagramSocket = datagramSocket;
        this.streamSocket = streamSocket;
    }

    /**
     * Opens a socket to {@code 127.0.0.1:remotePort}; {@code tls} is used for {@link Transport#TLS}
     * only and may be null otherwise.
     */
    static SipTestClient connect(Transport transport, int remotePort, SSLContext tls) throws IOException {
        InetSocketAddress remote = new InetSocketAddress(LoopbackPorts.LOOPBACK, remotePort);
        int timeoutMillis = (int) RESPONSE_TIMEOUT.toMillis();
        switch (transport) {
            case UDP -> {
                DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LoopbackPorts.LOOPBACK, 0));
                socket.setSoTimeout(timeoutMillis);
                return new SipTestClient(transport, remotePort, socket, null);
            }
            case TCP -> {
                Socket socket = new Socket();
                socket.connect(remote, timeoutMillis);
                socket.setSoTimeout(timeoutMillis);
                return new SipTestClient(transport, remotePort, null, socket);
            }
            case TLS -> {
                SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket();
                // Checks that the certificate's subjectAltName matches 127.0.0.1, as an HTTPS client would.
                SSLParameters parameters = socket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                socket.setSSLParameters(parameters);
                socket.connect(remote, timeoutMillis);
                socket.setSoTimeout(timeoutMillis);
                socket.startHandshake();
                return new SipTestClient(transport, remotePort, null, socket);
            }
            default -> throw new IllegalArgumentException("unsupported transport " + transport);
        }
    }

    Transport transport() {
        return transport;
    }

    int localPort() {
        return datagramSocket != null ? datagramSocket.getLocalPort() : streamSocket.getLocalPort();
    }

    int remotePort() {
        return remotePort;
    }

    /** Sends {@code request} (header lines joined with CRLF, ending with an empty line) and returns the response. */
    SipResponse exchange(String request) throws IOException {
        byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
        if (datagramSocket != null) {
            datagramSocket.send(new DatagramPacket(bytes, bytes.length,
                    new InetSocketAddress(LoopbackPorts.LOOPBACK, remotePort)));
            return SipResponse.parse(receiveDatagram());
        }
        streamSocket.getOutputStream().write(bytes);
        streamSocket.getOutputStream().flush();
        return SipResponse.parse(readStreamHeaders(streamSocket.getInputStream()));
    }

    private String receiveDatagram() throws IOException {
        byte[] buffer = new byte[MAX_MESSAGE_BYTES];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        try {
            datagramSocket.receive(packet);
        } catch (SocketTimeoutException e) {
            throw new SocketTimeoutException("no response on UDP from port " + remotePort + " within " + RESPONSE_TIMEOUT);
        }
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8);
    }

    /** Reads up to the empty line that ends the header section (RFC 3261 section 7.5). */
    private String readStreamHeaders(InputStream in) throws IOException {
        ByteArrayOutputStream headers = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int next = in.read();
            if (next < 0) {
                throw new IOException(transport + " connection to port " + remotePort
                        + " closed before a complete response; received: " + headers.toString(StandardCharsets.UTF_8));
            }
            headers.write(next);
            matched = next == (matched % 2 == 0 ? '\r' : '\n') ? matched + 1 : (next == '\r' ? 1 : 0);
            if (headers.size() > MAX_MESSAGE_BYTES) {
                throw new IOException("response header section longer than " + MAX_MESSAGE_BYTES + " bytes");
            }
        }
        return headers.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (datagramSocket != null) {
            datagramSocket.close();
            return;
        }
        try {
            streamSocket.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the " + transport + " connection to port " + remotePort, e);
        }
    }
}
