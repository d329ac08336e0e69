package io.parley.transaction;

import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transport.Destination;
import io.parley.transport.Flow;
import io.parley.transport.InboundHandler;
import io.parley.transport.SipTransport;
import io.parley.transport.Transport;
import java.net.InetSocketAddress;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sits between a real transport and the transaction layer and drops a seeded share of UDP
 * messages in both directions, as a lossy network would: a dropped send still reports success.
 */
final class LossyTransport implements SipTransport, InboundHandler {

    final AtomicInteger droppedOutbound = new AtomicInteger();
    final AtomicInteger droppedInbound = new AtomicInteger();
    final AtomicInteger sentRequests = new AtomicInteger();

    private final double lossRate;
    private final Random random;
    private SipTransport inner;
    private InboundHandler upper;
    private InetSocketAddress local;

    LossyTransport(double lossRate, long seed) {
        this.lossRate = lossRate;
        this.random = new Random(seed);
    }

    void connect(SipTransport below, InetSocketAddress localAddress, InboundHandler above) {
        this.inner = below;
        this.local = localAddress;
        this.upper = above;
    }

    @Override
    public CompletableFuture<Flow> sendRequest(SipRequest request, Destination destination) {
        sentRequests.incrementAndGet();
        if (drop()) {
            droppedOutbound.incrementAndGet();
            return CompletableFuture.completedFuture(new Flow(Transport.UDP, local, destination.address()));
        }
        return inner.sendRequest(request, destination);
    }

    @Override
    public CompletableFuture<Flow> sendResponse(SipResponse response, Flow requestFlow) {
        if (drop()) {
            droppedOutbound.incrementAndGet();
            return CompletableFuture.completedFuture(requestFlow);
        }
        return inner.sendResponse(response, requestFlow);
    }

    @Override
    public Transport transportFor(SipRequest request, Destination destination) {
        return inner.transportFor(request, destination);
    }

    @Override
    public void onMessage(SipMessage message, Flow flow) {
        if (drop()) {
            droppedInbound.incrementAndGet();
            return;
        }
        upper.onMessage(message, flow);
    }

    private synchronized boolean drop() {
        return random.nextDouble() < lossRate;
    }
}
