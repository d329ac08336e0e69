package io.parley.transaction;

import io.netty.util.concurrent.EventExecutor;
import io.parley.message.Parameter;
import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.Via;
import io.parley.transport.Destination;
import io.parley.transport.Flow;
import io.parley.transport.InboundHandler;
import io.parley.transport.ListeningPoint;
import io.parley.transport.MessageTraceListener;
import io.parley.transport.NettyTransport;
import io.parley.transport.SocketAddresses;
import io.parley.transport.Transport;
import io.parley.transport.TransportException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP stack a user agent embeds: Netty transports below, RFC 3261 transactions above, on one
 * event loop thread. Every method may be called from any thread. Callbacks to the
 * {@link TransactionUser}, listeners and futures complete on the stack thread and must not block.
 *
 * <pre>{@code
 * try (SipStack stack = new SipStack(StackSettings.DEFAULTS, user, MessageTraceListener.NONE)) {
 *     stack.listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0));
 *     SipRequest register = SipRequest.builder(Method.REGISTER, registrarUri)
 *             .via(stack.newVia(Transport.UDP)) ... .build();
 *     SipResponse response = stack.send(register, destination).get();
 * }
 * }</pre>
 */
public final class SipStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SipStack.class);

    private final NettyTransport transport;
    private final TransactionLayer layer;

    /**
     * Creates the stack and its thread; it listens nowhere until {@link #listen}.
     *
     * @param user receives new requests, ACKs for 2xx responses and stray responses
     * @param trace receives every message sent and received, with the peer address
     */
    public SipStack(StackSettings settings, TransactionUser user, MessageTraceListener trace) {
        Objects.requireNonNull(settings, "settings");
        this.transport = new NettyTransport(settings.transport(), new InboundHandler() {
            @Override
            public void onMessage(SipMessage message, Flow flow) {
                layer.onMessage(message, flow);
            }

            @Override
            public void onConnectionClosed(Destination destination) {
                layer.onConnectionClosed(destination);
            }
        }, trace);
        this.layer = new TransactionLayer(transport, new FifoTimerScheduler(transport.eventLoop()),
                settings.timers(), user);
    }

    /**
     * Starts a listener and waits until it is bound. Port 0 picks a free port.
     *
     * @return the bound point with its actual port
     * @throws TransportException if the address cannot be bound, or TLS has no key store
     */
    public ListeningPoint listen(Transport transportKind, InetSocketAddress address) throws TransportException {
        try {
            return transport.listen(transportKind, address).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof TransportException cause ? cause
                    : new TransportException("listening on " + transportKind + " " + address + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TransportException("interrupted while binding " + transportKind + " " + address, e);
        }
    }

    /** Returns the points listened on, in the order they were bound. */
    public List<ListeningPoint> listeningPoints() {
        return transport.listeningPoints();
    }

    /**
     * Returns a Via for a new request: a fresh branch, {@code rport}, and as sent-by our first
     * listener of this transport, else our first listener, else the loopback address. The stack
     * replaces the branch and sent-by when it sends, so the value only has to be present. A TCP or
     * TLS client needs no listener of its own.
     */
    public Via newVia(Transport transportKind) {
        ListeningPoint chosen = null;
        for (ListeningPoint point : transport.listeningPoints()) {
            if (point.transport() == transportKind) {
                chosen = point;
                break;
            }
            if (chosen == null) {
                chosen = point;
            }
        }
        InetSocketAddress sentBy = chosen != null ? chosen.address()
                : new InetSocketAddress(InetAddress.getLoopbackAddress(), transportKind.defaultPort());
        return Via.of(transportKind.name(), SocketAddresses.host(sentBy.getAddress()), sentBy.getPort(),
                Branches.newBranch()).withParameter(Parameter.flag("rport"));
    }

    /**
     * Sends a request in a new client transaction with a fresh branch (RFC 3261 section 8.1.1.7).
     * A UDP request over 1300 bytes goes over TCP (section 18.1.1).
     *
     * @param listener receives provisional responses and further 2xx responses to an INVITE
     * @return the transaction; its {@link ClientTransaction#finalResponse()} completes with the first
     *     final response, or fails with {@link TransactionTimeoutException} or {@link TransportException}.
     *     An INVITE that got a provisional response has no timeout, because Timer B stops in the
     *     Proceeding state (RFC 3261 section 17.1.1.2); end it with {@link #cancel}.
     */
    public ClientTransaction sendRequest(SipRequest request, Destination destination,
            ClientTransactionListener listener) {
        return onStackThread(() -> layer.sendRequest(request, destination, listener));
    }

    /** Sends a request in a new client transaction and returns its final response; see {@link #sendRequest}. */
    public CompletableFuture<SipResponse> send(SipRequest request, Destination destination) {
        return sendRequest(request, destination, ClientTransactionListener.NONE).finalResponse();
    }

    /** Sends the CANCEL for an INVITE in a transaction of its own (RFC 3261 section 9.1). */
    public ClientTransaction cancel(ClientTransaction invite) {
        return onStackThread(() -> layer.sendCancel(invite));
    }

    /** Sends a request without a transaction, such as the ACK for a 2xx, with a fresh branch. */
    public CompletableFuture<Flow> sendStateless(SipRequest request, Destination destination) {
        return onStackThread(() -> layer.sendStateless(request, destination));
    }

    /** Sends a response through its server transaction, from any thread. */
    public void respond(ServerTransaction transaction, SipResponse response) {
        onStackThread(() -> {
            transaction.respond(response);
            return null;
        });
    }

    /**
     * Sends a response through its server transaction without waiting for the stack thread, for a
     * thread that must not block, such as a worker or a store's writer. A response the transaction
     * refuses (see {@link ServerTransaction#respond}) is logged at WARN and dropped.
     *
     * <p>Called from another thread than the stack's, it also serializes there the response that a
     * non-INVITE transaction over UDP keeps as bytes while it waits for Timer J.
     */
    public void respondLater(ServerTransaction transaction, SipResponse response) {
        ScheduledExecutorService loop = transport.eventLoop();
        if (loop instanceof EventExecutor executor && executor.inEventLoop()) {
            respondOrLog(transaction, response);
            return;
        }
        if (!transaction.keepsResponseForRetransmission(response)) {
            execute(loop, transaction, response, () -> respondOrLog(transaction, response));
            return;
        }
        byte[] bytes = response.toBytes();
        execute(loop, transaction, response, () -> {
            try {
                transaction.respond(response, bytes);
            } catch (IllegalArgumentException | IllegalStateException e) {
                logDropped(transaction, response, e);
            }
        });
    }

    private static void execute(ScheduledExecutorService loop, ServerTransaction transaction, SipResponse response,
            Runnable task) {
        try {
            loop.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.debug("dropped the {} to {} call-id={} because the stack is closing", response.statusCode(),
                    transaction.method(), response.callId());
        }
    }

    private static void respondOrLog(ServerTransaction transaction, SipResponse response) {
        try {
            transaction.respond(response);
        } catch (IllegalArgumentException | IllegalStateException e) {
            logDropped(transaction, response, e);
        }
    }

    private static void logDropped(ServerTransaction transaction, SipResponse response, RuntimeException reason) {
        LOG.warn("dropped the {} to {} call-id={}: {}", response.statusCode(), transaction.method(), response.callId(),
                reason.getMessage());
    }

    /**
     * Returns the INVITE server transaction a received CANCEL cancels (RFC 3261 section 9.2). When
     * there is none, the TU responds to the CANCEL with 481.
     */
    public Optional<ServerTransaction> findCancelledInvite(SipRequest cancel) {
        return onStackThread(() -> layer.findCancelledInvite(cancel));
    }

    /** Returns the event loop the stack runs on, for the TU's own timers. */
    public ScheduledExecutorService executor() {
        return transport.eventLoop();
    }

    private <T> T onStackThread(Supplier<T> action) {
        ScheduledExecutorService loop = transport.eventLoop();
        if (loop instanceof EventExecutor executor && executor.inEventLoop()) {
            return action.get();
        }
        try {
            return loop.submit(action::get).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("stack thread failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the stack thread", e);
        }
    }

    /**
     * Closes every listener and connection and stops the stack thread; pending transactions are
     * dropped. Call it from another thread than the stack thread.
     */
    @Override
    public void close() {
        transport.close();
    }
}
