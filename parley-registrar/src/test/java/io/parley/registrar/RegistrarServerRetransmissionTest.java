package io.parley.registrar;

import static io.parley.registrar.Datagrams.receive;
import static io.parley.registrar.Datagrams.send;
import static io.parley.registrar.Datagrams.statusLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.InMemoryCredentialStore;
import io.parley.location.Binding;
import io.parley.location.LocationStore;
import io.parley.location.RegisterRequest;
import io.parley.location.RegisterResult;
import io.parley.location.SqliteLocationStore;
import io.parley.transaction.StackSettings;
import io.parley.transport.ListeningPoint;
import io.parley.transport.MessageTraceListener;
import io.parley.transport.Transport;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The registrar over raw loopback sockets with the SQLite store: retransmissions, OPTIONS, CANCEL and TCP. */
class RegistrarServerRetransmissionTest {

    private static final int RECEIVE_TIMEOUT_MILLIS = 10_000;

    @TempDir
    Path directory;

    private SqliteLocationStore store;
    private RegistrarServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (store != null) {
            store.close();
        }
    }

    private void start() throws Exception {
        start(MessageTraceListener.NONE);
    }

    private void start(MessageTraceListener trace) throws Exception {
        store = SqliteLocationStore.open(directory.resolve("store"));
        Registrar registrar = new Registrar(RegistrarConfig.open(), new InMemoryCredentialStore(), store,
                Clock.systemUTC(), new SecureRandom());
        server = RegistrarServer.start(registrar, List.of(ListenAddress.parse("udp:127.0.0.1:0"),
                ListenAddress.parse("tcp:127.0.0.1:0")), StackSettings.DEFAULTS, trace);
    }

    private InetSocketAddress address(Transport transport) {
        ListeningPoint point = server.listeningPoints().stream()
                .filter(candidate -> candidate.transport() == transport).findFirst().orElseThrow();
        return point.address();
    }

    private static String request(String method, String transport, int localPort, String branch, String callId,
            int cseq, String extraHeaders) {
        return method + " sip:example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/" + transport + " 127.0.0.1:" + localPort + ";branch=" + branch + ";rport\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=f1\r\n"
                + "To: <sip:alice@example.com>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + extraHeaders
                + "Content-Length: 0\r\n\r\n";
    }

    private static String register(int localPort, String branch, int cseq, String contactPort) {
        return request("REGISTER", "UDP", localPort, branch, "retransmit-1", cseq,
                "Contact: <sip:alice@127.0.0.1:" + contactPort + ">\r\nExpires: 600\r\n");
    }

    @Test
    void retransmittedRegisterGetsSameResponseBytes() throws Exception {
        start();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
            InetSocketAddress registrar = address(Transport.UDP);
            String register = register(socket.getLocalPort(), "z9hG4bK-retransmit-1", 1, "5999");

            // Three copies while the first commit may still be pending, then one after the 200.
            for (int i = 0; i < 3; i++) {
                send(socket, register, registrar);
            }
            byte[] first = receive(socket);
            send(socket, register, registrar);
            byte[] afterFinal = receive(socket);

            assertThat(statusLine(first)).isEqualTo("SIP/2.0 200 OK");
            assertThat(afterFinal).isEqualTo(first);
        }
        List<Binding> bindings = store.lookup("sip:alice@example.com", Instant.now());
        assertThat(bindings).extracting(Binding::contactUri).containsExactly("sip:alice@127.0.0.1:5999");
    }

    @Test
    void retransmittedOptionsAndCancelGetSameResponseBytes() throws Exception {
        start();
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
            InetSocketAddress registrar = address(Transport.UDP);
            for (String method : List.of("OPTIONS", "CANCEL")) {
                String message = request(method, "UDP", socket.getLocalPort(), "z9hG4bK-" + method, "m-" + method, 1, "");

                send(socket, message, registrar);
                byte[] first = receive(socket);
                send(socket, message, registrar);
                byte[] second = receive(socket);

                assertThat(statusLine(first)).as(method).isEqualTo(method.equals("OPTIONS")
                        ? "SIP/2.0 200 OK" : "SIP/2.0 481 Call/Transaction Does Not Exist");
                assertThat(second).as(method).isEqualTo(first);
            }
        }
    }

    @Test
    void alternatingPeersEachGetTheirOwnResponse() throws Exception {
        start();
        try (DatagramSocket first = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                DatagramSocket second = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            first.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
            second.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
            InetSocketAddress registrar = address(Transport.UDP);
            for (int i = 0; i < 20; i++) {
                DatagramSocket peer = i % 2 == 0 ? first : second;
                send(peer, request("OPTIONS", "UDP", peer.getLocalPort(), "z9hG4bK-alt-" + i, "alt-" + i, 1, ""),
                        registrar);
            }
            for (int i = 0; i < 10; i++) {
                assertThat(new String(receive(first), StandardCharsets.UTF_8)).contains("Call-ID: alt-" + (2 * i) + "\r\n");
                assertThat(new String(receive(second), StandardCharsets.UTF_8))
                        .contains("Call-ID: alt-" + (2 * i + 1) + "\r\n");
            }
        }
    }

    @Test
    void registersOverRawTcpTwiceOnOneConnection() throws Exception {
        start();
        try (Socket socket = new Socket()) {
            socket.setSoTimeout(RECEIVE_TIMEOUT_MILLIS);
            socket.connect(address(Transport.TCP));
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (int cseq = 1; cseq <= 2; cseq++) {
                String register = request("REGISTER", "TCP", socket.getLocalPort(), "z9hG4bK-tcp-" + cseq, "tcp-1",
                        cseq, "Contact: <sip:alice@127.0.0.1:6000;transport=tcp>\r\nExpires: 600\r\n");
                out.write(register.getBytes(StandardCharsets.UTF_8));
                out.flush();

                String response = readResponse(in);

                assertThat(response).as("response %d", cseq).startsWith("SIP/2.0 200 OK\r\n");
            }
        }
        assertThat(store.lookup("sip:alice@example.com", Instant.now())).hasSize(1);
    }

    @Test
    void closeSendsResponsesOfRegistersCommittedMeanwhile() throws Exception {
        int count = 2000;
        CountDownLatch received = new CountDownLatch(count);
        store = SqliteLocationStore.open(directory.resolve("store"));
        GatedStore gated = new GatedStore(store);
        Registrar registrar = new Registrar(RegistrarConfig.open(), new InMemoryCredentialStore(), gated,
                Clock.systemUTC(), new SecureRandom());
        server = RegistrarServer.start(registrar, List.of(ListenAddress.parse("udp:127.0.0.1:0")),
                StackSettings.DEFAULTS, (direction, message, flow) -> {
                    if (direction == MessageTraceListener.Direction.RECEIVED) {
                        received.countDown();
                    }
                });
        int acknowledged = 0;
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setReceiveBufferSize(4 << 20);
            InetSocketAddress registrarAddress = address(Transport.UDP);
            for (int i = 0; i < count; i++) {
                String register = request("REGISTER", "UDP", socket.getLocalPort(), "z9hG4bK-close-" + i,
                        "close-" + i, 1, "Contact: <sip:u" + i + "@127.0.0.1:5999>\r\nExpires: 600\r\n")
                        .replace("sip:alice@example.com", "sip:u" + i + "@example.com");
                send(socket, register, registrarAddress);
            }
            assertThat(received.await(10, TimeUnit.SECONDS)).as("every REGISTER reached the registrar").isTrue();

            // The commits complete while close() waits for them.
            RegistrarServer closing = server;
            server = null;
            Thread closer = new Thread(closing::close, "test-closer");
            closer.start();
            gated.open();
            closer.join();

            socket.setSoTimeout(1_000);
            try {
                while (acknowledged < count) {
                    assertThat(statusLine(receive(socket))).isEqualTo("SIP/2.0 200 OK");
                    acknowledged++;
                }
            } catch (SocketTimeoutException e) {
                // Fewer responses than requests: the assertion below names the count.
            }
        }
        assertThat(acknowledged).as("200 responses received after close").isEqualTo(count);
    }

    /** A store whose register calls start only once {@link #open} is called. */
    private static final class GatedStore implements LocationStore {
        private final LocationStore delegate;
        private final CompletableFuture<Void> gate = new CompletableFuture<>();

        GatedStore(LocationStore delegate) {
            this.delegate = delegate;
        }

        void open() {
            gate.complete(null);
        }

        @Override
        public RegisterResult register(RegisterRequest request) {
            return registerAsync(request).join();
        }

        @Override
        public CompletableFuture<RegisterResult> registerAsync(RegisterRequest request) {
            return gate.thenCompose(ignored -> delegate.registerAsync(request));
        }

        @Override
        public List<Binding> lookup(String aor, Instant now) {
            return delegate.lookup(aor, now);
        }

        @Override
        public List<Binding> purgeExpired(Instant now) {
            return delegate.purgeExpired(now);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }

    private static String readResponse(InputStream in) throws Exception {
        StringBuilder text = new StringBuilder();
        while (!text.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            assertThat(next).as("byte before end of stream").isNotNegative();
            text.append((char) next);
        }
        return text.toString();
    }
}
