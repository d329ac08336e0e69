package io.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.CSeq;
import io.parley.message.Method;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transport.Destination;
import io.parley.transport.MessageTraceListener;
import io.parley.transport.NettyTransport;
import io.parley.transport.TestMessages;
import io.parley.transport.Transport;
import io.parley.transport.TransportSettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Registers over real loopback UDP with 20% of datagrams dropped in both directions. Timers run in
 * real time with T1 = 50 ms and T2 = 200 ms, so Timer F is 3.2 s and a request goes out about 17
 * times before it. A round trip fails with probability 0.36, so losing all 17 has a probability near
 * 3e-8, an estimate that treats the round trips as independent.
 */
class PacketLossTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    private static final TimerSettings FAST = new TimerSettings(Duration.ofMillis(50), Duration.ofMillis(200),
            Duration.ofMillis(250));
    private static final int REGISTRATIONS = 20;

    /** A registrar that responds 200 through its server transaction and counts what reaches it. */
    private static final class CountingRegistrar implements TransactionUser {
        final Map<Long, AtomicInteger> seenBySequence = new ConcurrentHashMap<>();

        @Override
        public void onRequest(ServerTransaction transaction) {
            SipRequest request = transaction.request();
            seenBySequence.computeIfAbsent(request.cseq().sequence(), key -> new AtomicInteger()).incrementAndGet();
            transaction.respond(TestMessages.response(request, 200));
        }
    }

    private record Node(NettyTransport netty, LossyTransport lossy, TransactionLayer layer, InetSocketAddress address)
            implements AutoCloseable {

        static Node start(double lossRate, long seed, TransactionUser user) throws Exception {
            LossyTransport lossy = new LossyTransport(lossRate, seed);
            NettyTransport netty = new NettyTransport(TransportSettings.DEFAULTS, lossy, MessageTraceListener.NONE);
            InetSocketAddress address = netty.listen(Transport.UDP, new InetSocketAddress(LOOPBACK, 0)).get()
                    .address();
            TransactionLayer layer = new TransactionLayer(lossy, new FifoTimerScheduler(netty.eventLoop()), FAST,
                    user);
            lossy.connect(netty, address, layer);
            return new Node(netty, lossy, layer, address);
        }

        @Override
        public void close() {
            netty.close();
        }
    }

    @Test
    void registrationsCompleteWithinTimerFDespiteLoss() throws Exception {
        CountingRegistrar registrar = new CountingRegistrar();
        try (Node server = Node.start(0.2, 3261, registrar);
                Node client = Node.start(0.2, 3581, request -> { })) {
            Destination destination = new Destination(Transport.UDP, server.address());

            for (long sequence = 1; sequence <= REGISTRATIONS; sequence++) {
                SipRequest register = TestMessages.builder(Method.REGISTER, sequence)
                        .cseq(new CSeq(sequence, Method.REGISTER)).build();
                ClientTransaction transaction = client.netty().eventLoop().submit(
                        () -> client.layer().sendRequest(register, destination, ClientTransactionListener.NONE)).get();

                SipResponse response = transaction.finalResponse().get(10, TimeUnit.SECONDS);

                assertThat(response.statusCode()).as("REGISTER CSeq %d", sequence).isEqualTo(200);
            }

            assertThat(registrar.seenBySequence).hasSize(REGISTRATIONS);
            for (Map.Entry<Long, AtomicInteger> seen : registrar.seenBySequence.entrySet()) {
                assertThat(seen.getValue().get()).as("times CSeq %d reached the registrar", seen.getKey()).isEqualTo(1);
            }
            int dropped = List.of(server.lossy().droppedInbound, server.lossy().droppedOutbound,
                    client.lossy().droppedInbound, client.lossy().droppedOutbound).stream()
                    .mapToInt(AtomicInteger::get).sum();
            assertThat(dropped).as("datagrams dropped").isPositive();
            assertThat(client.lossy().sentRequests.get()).as("requests sent, retransmissions included")
                    .isGreaterThan(REGISTRATIONS);
        }
    }
}
