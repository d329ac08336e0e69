package io.parley.registrar;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** UDP send and receive for tests that talk to a registrar over a real loopback socket. */
final class Datagrams {

    private Datagrams() {
    }

    static void send(DatagramSocket socket, byte[] message, InetSocketAddress to) throws Exception {
        socket.send(new DatagramPacket(message, message.length, to));
    }

    static void send(DatagramSocket socket, String message, InetSocketAddress to) throws Exception {
        send(socket, message.getBytes(StandardCharsets.UTF_8), to);
    }

    /** Returns the next datagram, or throws when the socket's timeout passes first. */
    static byte[] receive(DatagramSocket socket) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[65_535], 65_535);
        socket.receive(packet);
        return Arrays.copyOf(packet.getData(), packet.getLength());
    }

    /** Returns the first line of a response, such as {@code SIP/2.0 200 OK}. */
    static String statusLine(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        return text.substring(0, text.indexOf("\r\n"));
    }
}
