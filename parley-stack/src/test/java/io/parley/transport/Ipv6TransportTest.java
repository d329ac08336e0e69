package io.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import io.parley.message.Method;
import io.parley.message.SipResponse;
import io.parley.message.Via;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs on ::1; on a machine where ::1 cannot be bound, such as a container without IPv6, the tests are skipped. */
class Ipv6TransportTest {

    private static final InetAddress IPV6_LOOPBACK = ipv6Loopback();

    @BeforeAll
    static void requireIpv6Loopback() {
        try (DatagramSocket probe = new DatagramSocket(new InetSocketAddress(IPV6_LOOPBACK, 0))) {
            probe.getLocalPort();
        } catch (SocketException e) {
            abort("this machine cannot bind ::1, so the IPv6 tests are skipped: " + e.getMessage());
        }
    }

    private static InetAddress ipv6Loopback() {
        try {
            return InetAddress.getByName("::1");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException("::1 is a literal and never looked up", e);
        }
    }

    @Test
    void udpRequestAndResponseOverIpv6() throws Exception {
        InboundQueue inbound = new InboundQueue();
        try (NettyTransport transport = new NettyTransport(TransportSettings.DEFAULTS, inbound, MessageTraceListener.NONE);
                RawPeer peer = new RawPeer(IPV6_LOOPBACK)) {
            InetSocketAddress listener = transport.listen(Transport.UDP, new InetSocketAddress(IPV6_LOOPBACK, 0))
                    .get().address();

            peer.send(WireText.register("[::1]:" + peer.port(), ";rport", ""), listener);
            InboundQueue.Received request = inbound.take();
            transport.sendResponse(TestMessages.response(request.request(), 200), request.flow()).get();

            assertThat(request.request().topVia().orElseThrow().rport()).hasValue(peer.port());
            assertThat(peer.receive()).isInstanceOf(SipResponse.class);
        }
    }

    @Test
    void outboundViaWritesIpv6SentByInBrackets() throws Exception {
        InboundQueue inbound = new InboundQueue();
        try (NettyTransport transport = new NettyTransport(TransportSettings.DEFAULTS, inbound, MessageTraceListener.NONE);
                RawPeer peer = new RawPeer(IPV6_LOOPBACK)) {
            InetSocketAddress listener = transport.listen(Transport.UDP, new InetSocketAddress(IPV6_LOOPBACK, 0))
                    .get().address();

            transport.sendRequest(TestMessages.request(Method.OPTIONS),
                    new Destination(Transport.UDP, new InetSocketAddress(IPV6_LOOPBACK, peer.port()))).get();

            Via via = peer.receive().topVia().orElseThrow();
            assertThat(via.host()).isEqualTo("[0:0:0:0:0:0:0:1]");
            assertThat(via.port()).isEqualTo(listener.getPort());
        }
    }

    @Test
    void tcpRequestOverIpv6() throws Exception {
        InboundQueue clientInbound = new InboundQueue();
        InboundQueue serverInbound = new InboundQueue();
        try (NettyTransport client = new NettyTransport(TransportSettings.DEFAULTS, clientInbound, MessageTraceListener.NONE);
                NettyTransport server = new NettyTransport(TransportSettings.DEFAULTS, serverInbound,
                        MessageTraceListener.NONE)) {
            InetSocketAddress address = server.listen(Transport.TCP, new InetSocketAddress(IPV6_LOOPBACK, 0))
                    .get().address();

            client.sendRequest(TestMessages.request(Method.OPTIONS), new Destination(Transport.TCP, address)).get();
            InboundQueue.Received request = serverInbound.take();
            server.sendResponse(TestMessages.response(request.request(), 200), request.flow()).get();

            assertThat(clientInbound.take().response().statusCode()).isEqualTo(200);
        }
    }
}
