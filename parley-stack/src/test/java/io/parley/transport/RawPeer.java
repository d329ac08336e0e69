package io.parley.transport;

import io.parley.message.SipMessage;
import io.parley.parser.MessageParseResult;
import io.parley.parser.SipParser;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A plain UDP socket on loopback that plays the peer, sending and reading raw bytes. */
final class RawPeer implements AutoCloseable {

    final DatagramSocket socket;

    RawPeer(InetAddress loopback) throws IOException {
        socket = new DatagramSocket(new InetSocketAddress(loopback, 0));
        socket.setSoTimeout((int) InboundQueue.TIMEOUT_SECONDS * 1000);
    }

    int port() {
        return socket.getLocalPort();
    }

    void send(String text, InetSocketAddress to) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8), to);
    }

    void send(byte[] bytes, InetSocketAddress to) throws IOException {
        socket.send(new DatagramPacket(bytes, bytes.length, to));
    }

    byte[] receiveBytes() throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[65_535], 65_535);
        socket.receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }

    /** Receives one datagram and parses it, failing the test when it is not a well-formed message. */
    SipMessage receive() throws IOException {
        MessageParseResult result = SipParser.parseDatagram(receiveBytes());
        if (result instanceof MessageParseResult.Parsed parsed) {
            return parsed.message();
        }
        throw new AssertionError("peer received a malformed message: " + result);
    }

    @Override
    public void close() {
        socket.close();
    }
}
