package io.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.ContentType;
import io.parley.message.Method;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.Via;
import io.parley.transport.Destination;
import io.parley.transport.Flow;
import io.parley.transport.SipTransport;
import io.parley.transport.TestMessages;
import io.parley.transport.Transport;
import io.parley.transport.TransportException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Completed non-INVITE server transactions over UDP whose final response the layer keeps only as
 * bytes until Timer J ends (RFC 3261 section 17.2.2).
 */
class RetiredTransactionTest {

    /** A transport that records each response with its flow and leaves each send pending. */
    private static final class PendingTransport implements SipTransport {

        final List<SipResponse> responses = new ArrayList<>();
        final List<Flow> flows = new ArrayList<>();
        final List<CompletableFuture<Flow>> sends = new ArrayList<>();

        @Override
        public CompletableFuture<Flow> sendRequest(SipRequest request, Destination destination) {
            return new CompletableFuture<>();
        }

        @Override
        public CompletableFuture<Flow> sendResponse(SipResponse response, Flow requestFlow) {
            responses.add(response);
            flows.add(requestFlow);
            CompletableFuture<Flow> send = new CompletableFuture<>();
            sends.add(send);
            return send;
        }

        @Override
        public Transport transportFor(SipRequest request, Destination destination) {
            return destination.transport();
        }
    }

    private final ManualTimerScheduler clock = new ManualTimerScheduler();
    private final PendingTransport transport = new PendingTransport();
    private final RecordingUser user = new RecordingUser();
    private final TransactionLayer layer = new TransactionLayer(transport, clock, TimerSettings.DEFAULTS, user);
    private final Flow udp = new Flow(Transport.UDP, TestMessages.LOCAL, TestMessages.PEER);

    private ServerTransaction receiveNew(SipRequest request, Flow flow) {
        int before = user.requests.size();
        layer.onMessage(request, flow);
        assertThat(user.requests).hasSize(before + 1);
        return user.requests.get(before);
    }

    private static SipRequest fromSentBy(Method method, String branch, String host, int port) {
        return TestMessages.builder(method, 1).via(Via.of("UDP", host, port, branch)).build();
    }

    @Test
    void sendFailingAfterRetirementForgetsResponse() {
        SipRequest register = TestMessages.received(Method.REGISTER, "z9hG4bKfail1");
        ServerTransaction transaction = receiveNew(register, udp);
        transaction.respond(TestMessages.response(register, 200));
        assertThat(layer.size()).isEqualTo(1);

        transport.sends.get(0).completeExceptionally(new TransportException("port unreachable"));

        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(user.serverFailures).hasSize(1);
        assertThat(layer.size()).isZero();
        layer.onMessage(register, udp);
        assertThat(user.requests).hasSize(2);
        assertThat(transport.responses).hasSize(1);
    }

    @Test
    void sendFailingAfterTimerJLeavesNewerResponse() {
        SipRequest register = TestMessages.received(Method.REGISTER, "z9hG4bKlate");
        ServerTransaction old = receiveNew(register, udp);
        old.respond(TestMessages.response(register, 200));
        clock.advance(Duration.ofMillis(32_000));
        SipResponse newer = TestMessages.response(register, 403);
        receiveNew(register, udp).respond(newer);

        transport.sends.get(0).completeExceptionally(new TransportException("port unreachable"));
        layer.onMessage(register, udp);

        assertThat(user.serverFailures).isEmpty();
        assertThat(old.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(user.requests).hasSize(2);
        assertThat(transport.responses).last().isEqualTo(newer);
        assertThat(transport.responses).hasSize(3);
    }

    @Test
    void sameBranchOtherPortKeptApart() {
        SipRequest first = fromSentBy(Method.REGISTER, "z9hG4bKshared", "127.0.0.1", 5070);
        SipRequest second = fromSentBy(Method.REGISTER, "z9hG4bKshared", "127.0.0.1", 5071);
        receiveNew(first, udp).respond(TestMessages.response(first, 200));
        receiveNew(second, udp).respond(TestMessages.response(second, 403));

        layer.onMessage(second, udp);
        layer.onMessage(first, udp);

        assertThat(transport.responses).extracting(SipResponse::statusCode).containsExactly(200, 403, 403, 200);
        assertThat(layer.size()).isEqualTo(2);
    }

    @Test
    void sameBranchOtherHostKeptApart() {
        SipRequest first = fromSentBy(Method.OPTIONS, "z9hG4bKshared", "127.0.0.1", 5070);
        SipRequest second = fromSentBy(Method.OPTIONS, "z9hG4bKshared", "127.0.0.2", 5070);
        receiveNew(first, udp).respond(TestMessages.response(first, 200));
        receiveNew(second, udp).respond(TestMessages.response(second, 404));

        layer.onMessage(first, udp);
        layer.onMessage(second, udp);

        assertThat(transport.responses).extracting(SipResponse::statusCode).containsExactly(200, 404, 200, 404);
    }

    @Test
    void sentByHostMatchesWithoutRegardToCase() {
        SipRequest lower = fromSentBy(Method.REGISTER, "z9hG4bKcase", "client.example", 5070);
        SipRequest upper = fromSentBy(Method.REGISTER, "z9hG4bKcase", "Client.EXAMPLE", 5070);
        receiveNew(lower, udp).respond(TestMessages.response(lower, 200));

        layer.onMessage(upper, udp);

        assertThat(user.requests).hasSize(1);
        assertThat(transport.responses).extracting(SipResponse::statusCode).containsExactly(200, 200);
    }

    @Test
    void retransmittedOptionsAndCancelGetKeptResponses() {
        SipRequest options = TestMessages.received(Method.OPTIONS, "z9hG4bKoptions");
        SipRequest cancel = TestMessages.received(Method.CANCEL, "z9hG4bKcancel");
        SipResponse optionsOk = TestMessages.response(options, 200);
        SipResponse cancelNotFound = TestMessages.response(cancel, 481);
        receiveNew(options, udp).respond(optionsOk);
        receiveNew(cancel, udp).respond(cancelNotFound);

        layer.onMessage(cancel, udp);
        layer.onMessage(options, udp);

        assertThat(user.requests).hasSize(2);
        assertThat(transport.responses).containsExactly(optionsOk, cancelNotFound, cancelNotFound, optionsOk);
    }

    @Test
    void keptResponseGoesOutOnRetransmissionFlow() {
        SipRequest register = TestMessages.received(Method.REGISTER, "z9hG4bKflow");
        receiveNew(register, udp).respond(TestMessages.response(register, 200));
        Flow otherListener = new Flow(Transport.UDP,
                new InetSocketAddress(InetAddress.getLoopbackAddress(), 5062), TestMessages.PEER);

        layer.onMessage(register, otherListener);

        assertThat(transport.flows).containsExactly(udp, otherListener);
    }

    @Test
    void retransmissionJustBeforeTimerJGetsKeptResponse() {
        SipRequest register = TestMessages.received(Method.REGISTER, "z9hG4bKbefore");
        ServerTransaction transaction = receiveNew(register, udp);
        transaction.respond(TestMessages.response(register, 200));

        clock.advance(Duration.ofMillis(32_000).minusNanos(1));
        layer.onMessage(register, udp);

        assertThat(transaction.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(user.requests).hasSize(1);
        assertThat(transport.responses).hasSize(2);
        assertThat(layer.size()).isEqualTo(1);
    }

    @Test
    void retransmissionAtTimerJIsNewTransaction() {
        SipRequest register = TestMessages.received(Method.REGISTER, "z9hG4bKatj");
        ServerTransaction transaction = receiveNew(register, udp);
        transaction.respond(TestMessages.response(register, 200));

        clock.advance(Duration.ofMillis(32_000));
        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(layer.size()).isZero();
        ServerTransaction next = receiveNew(register, udp);

        assertThat(next).isNotSameAs(transaction);
        assertThat(next.state()).isEqualTo(TransactionState.TRYING);
        assertThat(transport.responses).hasSize(1);
        assertThat(layer.size()).isEqualTo(1);
    }

    @Test
    void layerSizeDropsExpiredResponsesWithoutSweep() {
        for (int n = 0; n < 5; n++) {
            SipRequest request = TestMessages.received(Method.REGISTER, "z9hG4bKsize" + n);
            receiveNew(request, udp).respond(TestMessages.response(request, 200));
            clock.advance(Duration.ofMillis(1_000));
        }
        assertThat(layer.size()).isEqualTo(5);

        clock.advance(Duration.ofMillis(27_000));

        assertThat(layer.size()).isEqualTo(4);
        clock.advance(Duration.ofMillis(4_000));
        assertThat(layer.size()).isZero();
    }

    @Test
    void sweepLeavesNoTimerOnceAllResponsesExpired() {
        SipRequest register = TestMessages.received(Method.REGISTER, "z9hG4bKsweep");
        receiveNew(register, udp).respond(TestMessages.response(register, 200));

        clock.advance(Duration.ofMillis(40_000));

        assertThat(clock.pendingCount()).isZero();
        assertThat(layer.size()).isZero();
    }

    @Test
    void oversizedResponseKeepsTransaction() {
        SipRequest options = TestMessages.received(Method.OPTIONS, "z9hG4bKlarge");
        ServerTransaction transaction = receiveNew(options, udp);
        SipResponse large = SipResponse.forRequest(options, 200).toTag("totag1")
                .body(ContentType.of("text", "plain"), new byte[RetainedResponses.CHUNK_SIZE]).build();

        transaction.respond(large);
        layer.onMessage(options, udp);

        assertThat(user.requests).hasSize(1);
        assertThat(transport.responses).containsExactly(large, large);
        assertThat(transaction.state()).isEqualTo(TransactionState.COMPLETED);
        clock.advance(Duration.ofMillis(32_000));
        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(layer.size()).isZero();
    }

    /** A manual scheduler that records every distinct delay it is given. */
    private static final class DelayRecordingScheduler implements TimerScheduler {

        final ManualTimerScheduler clock = new ManualTimerScheduler();
        final Set<Duration> delays = new HashSet<>();

        @Override
        public ScheduledTimer schedule(Duration delay, Runnable task) {
            delays.add(delay);
            return clock.schedule(delay, task);
        }

        @Override
        public long nanoTime() {
            return clock.nanoTime();
        }
    }

    /**
     * {@link FifoTimerScheduler} keeps one queue per distinct delay with timers pending, so the sweep
     * of the kept responses draws its delays from a small fixed set that lets sweeps share queues.
     */
    @Test
    void sweepUsesFewDistinctDelays() {
        DelayRecordingScheduler scheduler = new DelayRecordingScheduler();
        TransactionLayer sweeping = new TransactionLayer(transport, scheduler, TimerSettings.DEFAULTS, user);

        // Requests seldom enough that each sweep waits for the next deadline instead of the minimum.
        for (int n = 0; n < 500; n++) {
            SipRequest request = TestMessages.received(Method.OPTIONS, "z9hG4bKlane" + n);
            sweeping.onMessage(request, udp);
            user.requests.get(n).respond(TestMessages.response(request, 200));
            scheduler.clock.advance(Duration.ofMillis(200 + 7L * n % 900).plusNanos(n));
        }
        scheduler.clock.advance(Duration.ofMillis(40_000));

        assertThat(sweeping.size()).isZero();
        assertThat(scheduler.clock.pendingCount()).isZero();
        assertThat(scheduler.delays).hasSizeLessThan(20);
    }
}
