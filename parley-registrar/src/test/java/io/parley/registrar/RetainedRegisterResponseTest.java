package io.parley.registrar;

import static io.parley.registrar.Datagrams.receive;
import static io.parley.registrar.Datagrams.send;
import static io.parley.registrar.Datagrams.statusLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.InMemoryCredentialStore;
import io.parley.location.Binding;
import io.parley.location.InMemoryLocationStore;
import io.parley.transaction.StackSettings;
import io.parley.transport.ListeningPoint;
import io.parley.transport.MessageTraceListener;
import io.parley.transport.Transport;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retransmitted REGISTER requests over loopback UDP, which get the final responses the stack
 * keeps as bytes until Timer J ends (RFC 3261 section 17.2.2).
 */
class RetainedRegisterResponseTest {

    private static final int RECEIVE_TIMEOUT_MILLIS = 10_000;
    /** How long to wait for the rest of a batch before sending again the requests still without a response. */
    private static final int RESEND_AFTER_MILLIS = 2_000;
    private static final int BATCH_SIZE = 100;

    private final InMemoryLocationStore store = new InMemoryLocationStore();
    private RegistrarServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        store.close();
    }

    private InetSocketAddress start(RegistrarConfig config) throws Exception {
        InMemoryCredentialStore users = new InMemoryCredentialStore().add("alice", "example.com", "correct-horse-7");
        Registrar registrar = new Registrar(config, users, store, Clock.systemUTC(), new SecureRandom());
        server = RegistrarServer.start(registrar, List.of(ListenAddress.parse("udp:127.0.0.1:0")),
                StackSettings.DEFAULTS, MessageTraceListener.NONE);
        ListeningPoint point = server.listeningPoints().stream()
                .filter(candidate -> candidate.transport() == Transport.UDP).findFirst().orElseThrow();
        return point.address();
    }

    private InetSocketAddress listenerOn(String host) {
        return server.listeningPoints().stream().map(ListeningPoint::address)
                .filter(address -> address.getAddress().getHostAddress().equals(host)).findFirst().orElseThrow();
    }

    private static byte[] register(int localPort, String user, String branch, String callId) {
        String text = "REGISTER sip:example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + localPort + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:" + user + "@example.com>;tag=f1\r\n"
                + "To: <sip:" + user + "@example.com>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: 1 REGISTER\r\n"
                + "Contact: <sip:" + user + "@127.0.0.1:5999>\r\n"
                + "Expires: 600\r\n"
                + "Content-Length: 0\r\n\r\n";
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String callIdOf(byte[] response) {
        String text = new String(response, StandardCharsets.UTF_8);
        int start = text.indexOf("\r\nCall-ID: ") + "\r\nCall-ID: ".length();
        return text.substring(start, text.indexOf("\r\n", start));
    }

    @Test
    void registerAfter401GetsSameChallenge() throws Exception {
        InetSocketAddress registrar = start(RegistrarConfig.open()
                .withAuthentication(AuthenticationConfig.defaults("example.com")));
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
            byte[] register = register(socket.getLocalPort(), "alice", "z9hG4bK-challenge-1", "challenge-1");

            send(socket, register, registrar);
            byte[] challenge = receive(socket);
            send(socket, register, registrar);
            byte[] again = receive(socket);

            assertThat(statusLine(challenge)).isEqualTo("SIP/2.0 401 Unauthorized");
            assertThat(again).isEqualTo(challenge);
        }
        assertThat(store.lookup("sip:alice@example.com", Instant.now())).isEmpty();
    }

    @Test
    void registerAfter200KeepsOneBinding() throws Exception {
        InetSocketAddress registrar = start(RegistrarConfig.open());
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
            byte[] register = register(socket.getLocalPort(), "alice", "z9hG4bK-once-1", "once-1");

            send(socket, register, registrar);
            byte[] ok = receive(socket);
            for (int copy = 0; copy < 3; copy++) {
                send(socket, register, registrar);
                assertThat(receive(socket)).as("copy %d", copy).isEqualTo(ok);
            }

            assertThat(statusLine(ok)).isEqualTo("SIP/2.0 200 OK");
        }
        List<Binding> bindings = store.lookup("sip:alice@example.com", Instant.now());
        assertThat(bindings).extracting(Binding::contactUri).containsExactly("sip:alice@127.0.0.1:5999");
    }

    @Test
    void resendLeavesFromReceivingListener() throws Exception {
        Registrar registrar = new Registrar(RegistrarConfig.open(), new InMemoryCredentialStore(), store,
                Clock.systemUTC(), new SecureRandom());
        server = RegistrarServer.start(registrar, List.of(ListenAddress.parse("udp:127.0.0.1:0"),
                ListenAddress.parse("udp:127.0.0.2:0")), StackSettings.DEFAULTS, MessageTraceListener.NONE);
        InetSocketAddress first = listenerOn("127.0.0.1");
        InetSocketAddress second = listenerOn("127.0.0.2");
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
            byte[] register = register(socket.getLocalPort(), "alice", "z9hG4bK-listener-1", "listener-1");

            send(socket, register, first);
            DatagramPacket ok = new DatagramPacket(new byte[65_535], 65_535);
            socket.receive(ok);
            send(socket, register, second);
            DatagramPacket again = new DatagramPacket(new byte[65_535], 65_535);
            socket.receive(again);

            assertThat(ok.getSocketAddress()).isEqualTo(first);
            assertThat(again.getSocketAddress()).isEqualTo(second);
            assertThat(Arrays.copyOf(again.getData(), again.getLength()))
                    .isEqualTo(Arrays.copyOf(ok.getData(), ok.getLength()));
        }
    }

    /**
     * Sends the requests by Call-ID in batches and returns the first response to each, sending again
     * the requests of a batch still without a response when none arrives for a while, as a UDP client does.
     */
    private static Map<String, byte[]> exchange(DatagramSocket socket, Map<String, byte[]> requests,
            InetSocketAddress registrar) throws Exception {
        Map<String, byte[]> responses = new HashMap<>();
        List<String> callIds = List.copyOf(requests.keySet());
        socket.setSoTimeout(RESEND_AFTER_MILLIS);
        for (int from = 0; from < callIds.size(); from += BATCH_SIZE) {
            List<String> batch = callIds.subList(from, Math.min(from + BATCH_SIZE, callIds.size()));
            int rounds = 0;
            while (!responses.keySet().containsAll(batch)) {
                assertThat(rounds++).as("send rounds for batch at %d", from).isLessThan(5);
                for (String callId : batch) {
                    if (!responses.containsKey(callId)) {
                        send(socket, requests.get(callId), registrar);
                    }
                }
                receiveBatch(socket, batch, responses);
            }
        }
        return responses;
    }

    /** Receives responses until every request of {@code batch} has one or none arrives for a while. */
    private static void receiveBatch(DatagramSocket socket, List<String> batch, Map<String, byte[]> responses)
            throws Exception {
        try {
            while (!responses.keySet().containsAll(batch)) {
                byte[] response = receive(socket);
                responses.putIfAbsent(callIdOf(response), response);
            }
        } catch (SocketTimeoutException e) {
            // No response for a while: the caller sends again the requests still without a response.
        }
    }

    @Test
    void thousandsOfRegistersGetSameResponses() throws Exception {
        int count = 2_000;
        InetSocketAddress registrar = start(RegistrarConfig.open());
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setReceiveBufferSize(4 << 20);
            Map<String, byte[]> requests = new LinkedHashMap<>();
            for (int i = 0; i < count; i++) {
                requests.put("bulk-" + i, register(socket.getLocalPort(), "u" + i, "z9hG4bK-bulk-" + i, "bulk-" + i));
            }

            // Both rounds must end within Timer J, 32 s, for the second to find the kept responses.
            Map<String, byte[]> first = exchange(socket, requests, registrar);
            Map<String, byte[]> again = exchange(socket, requests, registrar);

            for (String callId : requests.keySet()) {
                assertThat(statusLine(first.get(callId))).as(callId).isEqualTo("SIP/2.0 200 OK");
                assertThat(again.get(callId)).as(callId).isEqualTo(first.get(callId));
            }
        }
        for (int i = 0; i < count; i++) {
            assertThat(store.lookup("sip:u" + i + "@example.com", Instant.now())).as("u%d", i).hasSize(1);
        }
    }
}
