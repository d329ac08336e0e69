package io.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.HeaderName;
import io.parley.message.Method;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.parser.MessageParseResult;
import io.parley.parser.StreamFramer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TcpTransportTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final InboundQueue clientInbound = new InboundQueue();
    private final InboundQueue serverInbound = new InboundQueue();
    private NettyTransport client;
    private NettyTransport server;
    private InetSocketAddress serverAddress;

    @BeforeEach
    void start() throws Exception {
        client = new NettyTransport(TransportSettings.DEFAULTS, clientInbound, MessageTraceListener.NONE);
        server = new NettyTransport(TransportSettings.DEFAULTS, serverInbound, MessageTraceListener.NONE);
        serverAddress = server.listen(Transport.TCP, new InetSocketAddress(LOOPBACK, 0)).get().address();
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    @Test
    void responseReturnsOverTheRequestConnection() throws Exception {
        client.sendRequest(TestMessages.request(Method.OPTIONS), destination()).get();
        InboundQueue.Received request = serverInbound.take();

        server.sendResponse(TestMessages.response(request.request(), 200), request.flow()).get();

        InboundQueue.Received response = clientInbound.take();
        assertThat(response.response().statusCode()).isEqualTo(200);
        assertThat(response.flow().local()).isEqualTo(request.flow().remote());
    }

    @Test
    void viaCarriesConnectionAddressWithoutTcpListener() throws Exception {
        Flow flow = client.sendRequest(TestMessages.request(Method.OPTIONS), destination()).get();

        var via = serverInbound.take().request().topVia().orElseThrow();

        assertThat(via.transport()).isEqualTo("TCP");
        assertThat(via.port()).isEqualTo(flow.local().getPort());
    }

    @Test
    void viaUsesTcpListenerAddress() throws Exception {
        InetSocketAddress clientListener = client.listen(Transport.TCP, new InetSocketAddress(LOOPBACK, 0)).get()
                .address();

        client.sendRequest(TestMessages.request(Method.OPTIONS), destination()).get();

        assertThat(serverInbound.take().request().topVia().orElseThrow().port()).isEqualTo(clientListener.getPort());
    }

    @Test
    void connectionIsReusedForTheSamePeer() throws Exception {
        Flow first = client.sendRequest(TestMessages.request(Method.OPTIONS), destination()).get();
        Flow second = client.sendRequest(TestMessages.request(Method.REGISTER), destination()).get();

        InboundQueue.Received firstReceived = serverInbound.take();
        InboundQueue.Received secondReceived = serverInbound.take();

        assertThat(second.local()).isEqualTo(first.local());
        assertThat(secondReceived.flow().remote()).isEqualTo(firstReceived.flow().remote());
    }

    @Test
    void answersPingWithPong() throws Exception {
        try (Socket socket = connectRaw()) {
            socket.getOutputStream().write(new byte[] {'\r', '\n', '\r', '\n'});

            byte[] pong = socket.getInputStream().readNBytes(2);

            assertThat(new String(pong, StandardCharsets.US_ASCII)).isEqualTo("\r\n");
        }
    }

    @Test
    void sendsPingsOnConnectionsItOpened() throws Exception {
        TransportSettings pinging = TransportSettings.DEFAULTS.withKeepAliveInterval(Duration.ofMillis(50));
        try (NettyTransport pinger = new NettyTransport(pinging, new InboundQueue(), MessageTraceListener.NONE);
                ServerSocket peer = new ServerSocket(0, 1, LOOPBACK)) {
            peer.setSoTimeout((int) InboundQueue.TIMEOUT_SECONDS * 1000);
            pinger.sendRequest(TestMessages.request(Method.OPTIONS),
                    new Destination(Transport.TCP, new InetSocketAddress(LOOPBACK, peer.getLocalPort()))).get();

            try (Socket accepted = peer.accept()) {
                accepted.setSoTimeout((int) InboundQueue.TIMEOUT_SECONDS * 1000);
                InputStream in = accepted.getInputStream();
                readOneMessage(in);

                assertThat(new String(in.readNBytes(4), StandardCharsets.US_ASCII)).isEqualTo("\r\n\r\n");
            }
        }
    }

    @Test
    void malformedRequestGetsErrorOnSameConnection() throws Exception {
        try (Socket socket = connectRaw()) {
            String bad = WireText.register("127.0.0.1:5999", "", "Route: <sip:proxy.example.com;lr\r\n")
                    .replace("SIP/2.0/UDP", "SIP/2.0/TCP");
            socket.getOutputStream().write(bad.getBytes(StandardCharsets.UTF_8));

            SipResponse response = (SipResponse) readOneMessage(socket.getInputStream());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(response.reasonPhrase()).startsWith("Bad Route");
        }
    }

    @Test
    void requestAfterMalformedOneStillArrives() throws Exception {
        try (Socket socket = connectRaw()) {
            String bad = WireText.register("127.0.0.1:5999", "", "Route: <sip:proxy.example.com;lr\r\n");
            String good = WireText.register("127.0.0.1:5999", "", "");
            socket.getOutputStream().write((bad + good).getBytes(StandardCharsets.UTF_8));

            SipRequest received = serverInbound.take().request();
            // Both requests have the same Call-ID, and only the malformed one has a Route.
            assertThat(received.callId()).isEqualTo("raw-call-1@127.0.0.1");
            assertThat(received.header(HeaderName.ROUTE)).isEmpty();
        }
    }

    @Test
    void brokenFramingClosesConnection() throws Exception {
        try (Socket socket = connectRaw()) {
            String noLength = WireText.register("127.0.0.1:5999", "", "").replace("Content-Length: 0\r\n", "");
            socket.getOutputStream().write(noLength.getBytes(StandardCharsets.UTF_8));

            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("SIP/2.0 400 Bad Content-Length");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void listenerSurvivesGarbageConnection() throws Exception {
        try (Socket socket = connectRaw()) {
            byte[] noise = new byte[4_096];
            new java.util.Random(5626).nextBytes(noise);
            noise[noise.length - 4] = '\r';
            noise[noise.length - 3] = '\n';
            noise[noise.length - 2] = '\r';
            noise[noise.length - 1] = '\n';
            socket.getOutputStream().write(noise);

            // Returns only once the listener closes the connection; a read timeout fails the test.
            socket.getInputStream().readAllBytes();
        }

        client.sendRequest(TestMessages.request(Method.OPTIONS), destination()).get();

        assertThat(serverInbound.take().request().method()).isEqualTo(Method.OPTIONS);
    }

    @Test
    void responseReconnectsToSentByAfterClose() throws Exception {
        try (ServerSocket sentBy = new ServerSocket(0, 1, LOOPBACK)) {
            sentBy.setSoTimeout((int) InboundQueue.TIMEOUT_SECONDS * 1000);
            String request = WireText.register("127.0.0.1:" + sentBy.getLocalPort(), "", "")
                    .replace("SIP/2.0/UDP", "SIP/2.0/TCP");
            try (Socket socket = connectRaw()) {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
            }
            InboundQueue.Received received = serverInbound.take();
            awaitNoConnections(server);

            server.sendResponse(TestMessages.response(received.request(), 200), received.flow()).get();

            try (Socket reopened = sentBy.accept()) {
                reopened.setSoTimeout((int) InboundQueue.TIMEOUT_SECONDS * 1000);
                SipResponse response = (SipResponse) readOneMessage(reopened.getInputStream());
                assertThat(response.statusCode()).isEqualTo(200);
            }
        }
    }

    /** Waits until the transport has seen every connection close; closing is I/O, so no clock can drive it. */
    private static void awaitNoConnections(NettyTransport transport) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(InboundQueue.TIMEOUT_SECONDS);
        while (transport.connectionCount() > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("connections still open after " + InboundQueue.TIMEOUT_SECONDS + " s");
            }
            Thread.sleep(10);
        }
    }

    private Destination destination() {
        return new Destination(Transport.TCP, serverAddress);
    }

    private Socket connectRaw() throws IOException {
        Socket socket = new Socket(serverAddress.getAddress(), serverAddress.getPort());
        socket.setSoTimeout((int) InboundQueue.TIMEOUT_SECONDS * 1000);
        return socket;
    }

    private static io.parley.message.SipMessage readOneMessage(InputStream in) throws IOException {
        StreamFramer framer = new StreamFramer();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("connection closed before a whole message arrived");
            }
            framer.feed(new byte[] {(byte) b});
            MessageParseResult result = framer.next();
            if (result instanceof MessageParseResult.Parsed parsed) {
                return parsed.message();
            }
            if (result instanceof MessageParseResult.Rejected rejected) {
                throw new AssertionError("malformed message on the wire: " + rejected.error());
            }
        }
    }
}
