package io.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.ContentType;
import io.parley.message.Method;
import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.Via;
import io.parley.parser.HeaderChecks;
import io.parley.parser.MessageParseResult;
import io.parley.parser.SipParser;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UdpTransportTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private final InboundQueue inbound = new InboundQueue();
    private NettyTransport transport;
    private InetSocketAddress listener;
    private RawPeer peer;

    @BeforeEach
    void start() throws Exception {
        transport = new NettyTransport(TransportSettings.DEFAULTS, inbound, MessageTraceListener.NONE);
        listener = transport.listen(Transport.UDP, new InetSocketAddress(LOOPBACK, 0)).get().address();
        peer = new RawPeer(LOOPBACK);
    }

    @AfterEach
    void stop() {
        peer.close();
        transport.close();
    }

    @Test
    void inboundRequestGetsReceivedAndRport() throws Exception {
        peer.send(WireText.register("127.0.0.1:5999", ";rport", ""), listener);

        Via via = inbound.take().request().topVia().orElseThrow();

        assertThat(via.rport()).hasValue(peer.port());
        assertThat(via.received()).contains("127.0.0.1");
    }

    @Test
    void receivedAddedForForeignSentBy() throws Exception {
        peer.send(WireText.register("192.0.2.1:5060", "", ""), listener);

        Via via = inbound.take().request().topVia().orElseThrow();

        assertThat(via.received()).contains("127.0.0.1");
        assertThat(via.hasRport()).isFalse();
    }

    @Test
    void noReceivedWhenSentByMatches() throws Exception {
        peer.send(WireText.register("127.0.0.1:" + peer.port(), "", ""), listener);

        Via via = inbound.take().request().topVia().orElseThrow();

        assertThat(via.received()).isEmpty();
    }

    @Test
    void responseGoesToRportPort() throws Exception {
        peer.send(WireText.register("127.0.0.1:5999", ";rport", ""), listener);
        InboundQueue.Received request = inbound.take();

        transport.sendResponse(TestMessages.response(request.request(), 200), request.flow()).get();

        SipMessage response = peer.receive();
        assertThat(response).isInstanceOf(SipResponse.class);
        assertThat(response.topVia().orElseThrow().rport()).hasValue(peer.port());
    }

    @Test
    void responseGoesToSentByPortWithoutRport() throws Exception {
        try (RawPeer sentBy = new RawPeer(LOOPBACK)) {
            peer.send(WireText.register("127.0.0.1:" + sentBy.port(), "", ""), listener);
            InboundQueue.Received request = inbound.take();

            transport.sendResponse(TestMessages.response(request.request(), 200), request.flow()).get();

            assertThat(sentBy.receive()).isInstanceOf(SipResponse.class);
        }
    }

    @Test
    void outboundViaHasListenerAndRport() throws Exception {
        SipRequest request = TestMessages.request(Method.OPTIONS);

        Flow flow = transport.sendRequest(request, new Destination(Transport.UDP, peerAddress())).get();

        Via via = peer.receive().topVia().orElseThrow();
        assertThat(via.transport()).isEqualTo("UDP");
        assertThat(via.host()).isEqualTo("127.0.0.1");
        assertThat(via.port()).isEqualTo(listener.getPort());
        assertThat(via.hasRport()).isTrue();
        assertThat(via.rport()).isEmpty();
        assertThat(via.branch()).isEqualTo(request.topVia().orElseThrow().branch());
        assertThat(flow.local()).isEqualTo(listener);
    }

    @Test
    void malformedRequestGetsErrorWithParseReason() throws Exception {
        String text = WireText.register("127.0.0.1:" + peer.port(), "", "Route: <sip:proxy.example.com;lr\r\n");
        MessageParseResult parsed = SipParser.parseDatagram(text.getBytes(StandardCharsets.UTF_8), HeaderChecks.CORE);
        assertThat(parsed).as("test input must be malformed").isInstanceOf(MessageParseResult.Rejected.class);
        String expectedReason = ((MessageParseResult.Rejected) parsed).error().reasonPhrase();

        peer.send(text, listener);

        SipResponse response = (SipResponse) peer.receive();
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.reasonPhrase()).isEqualTo(expectedReason);
        assertThat(response.callId()).isEqualTo("raw-call-1@127.0.0.1");
        assertThat(response.to().tag()).isPresent();
        assertThat(inbound.isEmpty()).isTrue();
    }

    @Test
    void garbageAndMalformedResponsesLeaveListenerRunning() throws Exception {
        Random random = new Random(4475);
        for (int i = 0; i < 50; i++) {
            byte[] noise = new byte[1 + random.nextInt(1_500)];
            random.nextBytes(noise);
            peer.send(noise, listener);
        }
        peer.send("SIP/2.0 200 OK\r\nVia: nonsense\r\n\r\n", listener);
        peer.send("\r\n\r\n", listener);

        peer.send(WireText.register("127.0.0.1:" + peer.port(), "", ""), listener);

        assertThat(inbound.take().request().callId()).isEqualTo("raw-call-1@127.0.0.1");
    }

    @Test
    void largeDatagramArrivesWhole() throws Exception {
        String body = "x".repeat(8_000);
        String text = WireText.register("127.0.0.1:" + peer.port(), "", "Content-Type: text/plain\r\n")
                .replace("Content-Length: 0", "Content-Length: " + body.length()) + body;

        peer.send(text, listener);

        assertThat(inbound.take().request().bodyLength()).isEqualTo(body.length());
    }

    @Test
    void largeRequestGoesOverTcp() throws Exception {
        InboundQueue serverInbound = new InboundQueue();
        try (NettyTransport server = new NettyTransport(TransportSettings.DEFAULTS, serverInbound,
                MessageTraceListener.NONE)) {
            InetSocketAddress udp = server.listen(Transport.UDP, new InetSocketAddress(LOOPBACK, 0)).get().address();
            server.listen(Transport.TCP, udp).get();
            SipRequest large = TestMessages.builder(Method.MESSAGE, 1)
                    .body(ContentType.of("text", "plain"), new byte[SipTransport.UDP_REQUEST_LIMIT]).build();

            Flow flow = transport.sendRequest(large, new Destination(Transport.UDP, udp)).get();

            InboundQueue.Received received = serverInbound.take();
            assertThat(flow.transport()).isEqualTo(Transport.TCP);
            assertThat(received.flow().transport()).isEqualTo(Transport.TCP);
            assertThat(received.request().topVia().orElseThrow().transport()).isEqualTo("TCP");
        }
    }

    @Test
    void smallRequestStaysOnUdp() {
        SipRequest small = TestMessages.request(Method.OPTIONS);

        assertThat(transport.transportFor(small, new Destination(Transport.UDP, peerAddress())))
                .isEqualTo(Transport.UDP);
    }

    private InetSocketAddress peerAddress() {
        return new InetSocketAddress(LOOPBACK, peer.port());
    }
}
