package io.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.Method;
import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.Via;
import io.parley.transport.ContactAddress;
import io.parley.transport.Destination;
import io.parley.transport.Flow;
import io.parley.transport.ListeningPoint;
import io.parley.transport.MessageTraceListener;
import io.parley.transport.TestMessages;
import io.parley.transport.Transport;
import io.parley.transport.TransportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SipStackTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final long WAIT_SECONDS = 10;

    private record Trace(MessageTraceListener.Direction direction, SipMessage message, Flow flow) {
    }

    private final BlockingQueue<ServerTransaction> serverRequests = new LinkedBlockingQueue<>();
    private final BlockingQueue<SipMessage> serverReceived = new LinkedBlockingQueue<>();
    private final List<Trace> clientTrace = new CopyOnWriteArrayList<>();
    private SipStack server;
    private SipStack client;
    private ListeningPoint serverPoint;
    private ListeningPoint clientPoint;

    @BeforeEach
    void start() throws Exception {
        server = new SipStack(StackSettings.DEFAULTS, serverRequests::add, (direction, message, flow) -> {
            if (direction == MessageTraceListener.Direction.RECEIVED) {
                serverReceived.add(message);
            }
        });
        client = new SipStack(StackSettings.DEFAULTS, transaction -> { },
                (direction, message, flow) -> clientTrace.add(new Trace(direction, message, flow)));
        serverPoint = server.listen(Transport.UDP, new InetSocketAddress(LOOPBACK, 0));
        clientPoint = client.listen(Transport.UDP, new InetSocketAddress(LOOPBACK, 0));
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private SipRequest request(Method method) {
        return TestMessages.builder(method, 1).via(client.newVia(Transport.UDP)).build();
    }

    private Destination serverDestination() {
        return new Destination(Transport.UDP, serverPoint.address());
    }

    private ServerTransaction nextServerRequest() throws InterruptedException {
        ServerTransaction transaction = serverRequests.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertThat(transaction).as("request at the server").isNotNull();
        return transaction;
    }

    private SipRequest awaitServerReceived(Method method) throws InterruptedException {
        while (true) {
            SipMessage message = serverReceived.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertThat(message).as(method + " at the server").isNotNull();
            if (message instanceof SipRequest request && request.method().equals(method)) {
                return request;
            }
        }
    }

    @Test
    void registerGetsFinalResponseAndContactAddress() throws Exception {
        var pending = client.send(request(Method.REGISTER), serverDestination());
        ServerTransaction transaction = nextServerRequest();
        server.respond(transaction, TestMessages.response(transaction.request(), 200));

        SipResponse response = pending.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        ContactAddress contact = ContactAddress.of(response).orElseThrow();
        assertThat(contact.transport()).isEqualTo(Transport.UDP);
        assertThat(contact.sentBy()).isEqualTo(clientPoint.address());
        assertThat(contact.observed()).isEqualTo(clientPoint.address());
        assertThat(contact.isTranslated()).isFalse();
    }

    private long receivedByClient(int status) {
        return clientTrace.stream().filter(trace -> trace.direction() == MessageTraceListener.Direction.RECEIVED
                && trace.message() instanceof SipResponse response && response.statusCode() == status).count();
    }

    @Test
    void respondLaterResendsOnRetransmission() throws Exception {
        SipRequest register = request(Method.REGISTER);
        var pending = client.send(register, serverDestination());
        ServerTransaction transaction = nextServerRequest();
        SipRequest received = transaction.request();
        SipResponse ok = TestMessages.response(received, 200);

        server.respondLater(transaction, ok);

        assertThat(pending.get(WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(ok);
        assertThat(transaction.request()).isEqualTo(received);
        // A retransmission from another socket matches the completed transaction by branch and sent-by,
        // and the response it keeps goes again to the client's rport.
        try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            byte[] bytes = received.toBytes();
            socket.send(new java.net.DatagramPacket(bytes, bytes.length, serverPoint.address()));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (receivedByClient(200) < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(receivedByClient(200)).isEqualTo(2);
        assertThat(clientTrace.get(clientTrace.size() - 1).message()).isEqualTo(ok);
        assertThat(serverRequests).isEmpty();
    }

    @Test
    void traceListenerSeesEveryMessageWithPeer() throws Exception {
        var pending = client.send(request(Method.OPTIONS), serverDestination());
        ServerTransaction transaction = nextServerRequest();
        server.respond(transaction, TestMessages.response(transaction.request(), 200));
        pending.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(clientTrace).extracting(Trace::direction)
                .containsExactly(MessageTraceListener.Direction.SENT, MessageTraceListener.Direction.RECEIVED);
        assertThat(clientTrace).extracting(trace -> trace.flow().remote())
                .containsOnly(serverPoint.address());
        assertThat(clientTrace.get(0).message().topVia().orElseThrow().port()).isEqualTo(clientPoint.address().getPort());
    }

    @Test
    void inviteRejectionIsAcknowledgedByTheTransaction() throws Exception {
        List<Integer> provisionals = new CopyOnWriteArrayList<>();
        ClientTransaction invite = client.sendRequest(request(Method.INVITE), serverDestination(),
                new ClientTransactionListener() {
                    @Override
                    public void onProvisional(SipResponse response) {
                        provisionals.add(response.statusCode());
                    }
                });
        ServerTransaction transaction = nextServerRequest();
        server.respond(transaction, TestMessages.response(transaction.request(), 180));
        server.respond(transaction, TestMessages.response(transaction.request(), 486));

        SipResponse response = invite.finalResponse().get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(486);
        assertThat(provisionals).containsExactly(180);
        SipRequest ack = awaitServerReceived(Method.ACK);
        assertThat(ack.topVia().orElseThrow().branch()).isEqualTo(transaction.request().topVia().orElseThrow().branch());
        // The trace listener gets the ACK just before the transaction does, on the same thread, so this task runs after it.
        assertThat(server.executor().submit(transaction::state).get()).isEqualTo(TransactionState.CONFIRMED);
    }

    @Test
    void silentPeerEndsInTimerFTimeout() throws Exception {
        StackSettings fast = StackSettings.DEFAULTS.withTimers(TimerSettings.withT1(Duration.ofMillis(10)));
        try (SipStack impatient = new SipStack(fast, transaction -> { }, MessageTraceListener.NONE);
                DatagramSocket silent = new DatagramSocket(new InetSocketAddress(LOOPBACK, 0))) {
            impatient.listen(Transport.UDP, new InetSocketAddress(LOOPBACK, 0));
            SipRequest options = TestMessages.builder(Method.OPTIONS, 1).via(impatient.newVia(Transport.UDP)).build();

            var pending = impatient.send(options, new Destination(Transport.UDP,
                    new InetSocketAddress(LOOPBACK, silent.getLocalPort())));

            assertThat(pending).failsWithin(WAIT_SECONDS, TimeUnit.SECONDS)
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(TransactionTimeoutException.class);
        }
    }

    @Test
    void refusedConnectionEndsInTransportException() throws Exception {
        int closedPort;
        try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
            closedPort = probe.getLocalPort();
        }

        var pending = client.send(request(Method.OPTIONS),
                new Destination(Transport.TCP, new InetSocketAddress(LOOPBACK, closedPort)));

        assertThat(pending).failsWithin(WAIT_SECONDS, TimeUnit.SECONDS)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TransportException.class);
    }

    @Test
    void connectionResetFailsPendingTransaction() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 1, LOOPBACK)) {
            Thread resetter = Thread.ofVirtual().start(() -> resetAfterPartialResponse(peer));
            SipRequest register = TestMessages.builder(Method.REGISTER, 1).via(client.newVia(Transport.TCP)).build();

            var pending = client.send(register, new Destination(Transport.TCP,
                    new InetSocketAddress(LOOPBACK, peer.getLocalPort())));

            // Timer F is 32 s with the default T1, far beyond the wait, so only the reset can end it.
            assertThat(pending).failsWithin(WAIT_SECONDS, TimeUnit.SECONDS)
                    .withThrowableOfType(ExecutionException.class)
                    .withCauseInstanceOf(TransportException.class)
                    .withMessageContaining("closed before a final response");
            resetter.join();
        }
    }

    /** Accepts one connection, reads the request, sends half a status line and resets the connection. */
    private static void resetAfterPartialResponse(ServerSocket peer) {
        try (Socket connection = peer.accept()) {
            connection.getInputStream().read(new byte[4096]);
            connection.getOutputStream().write("SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP".getBytes(StandardCharsets.US_ASCII));
            connection.setSoLinger(true, 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void newViaFallsBackToAnyListener() {
        Via via = client.newVia(Transport.TLS);

        assertThat(via.transport()).isEqualTo("TLS");
        assertThat(via.port()).isEqualTo(clientPoint.address().getPort());
        assertThat(via.hasRport()).isTrue();
        assertThat(via.hasRfc3261Branch()).isTrue();
    }

    @Test
    void tcpClientWorksWithoutTcpListener() throws Exception {
        ListeningPoint serverTcp = server.listen(Transport.TCP, new InetSocketAddress(LOOPBACK, 0));
        SipRequest register = TestMessages.builder(Method.REGISTER, 1).via(client.newVia(Transport.TCP)).build();

        var pending = client.send(register, new Destination(Transport.TCP, serverTcp.address()));
        ServerTransaction transaction = nextServerRequest();
        server.respond(transaction, TestMessages.response(transaction.request(), 200));
        SipResponse response = pending.get(WAIT_SECONDS, TimeUnit.SECONDS);

        assertThat(response.statusCode()).isEqualTo(200);
        ContactAddress contact = ContactAddress.of(response).orElseThrow();
        assertThat(contact.transport()).isEqualTo(Transport.TCP);
        assertThat(contact.sentBy()).isEqualTo(transaction.flow().remote());
    }
}
