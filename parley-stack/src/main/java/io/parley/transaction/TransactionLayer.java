package io.parley.transaction;

import io.parley.message.MalformedHeaderException;
import io.parley.message.Method;
import io.parley.message.Parameter;
import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.Via;
import io.parley.parser.MessageParseResult;
import io.parley.parser.SipParser;
import io.parley.transport.Destination;
import io.parley.transport.Flow;
import io.parley.transport.InboundHandler;
import io.parley.transport.SipTransport;
import io.parley.transport.Transport;
import io.parley.transport.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and matches the transactions of RFC 3261 section 17 between a {@link SipTransport} and a
 * {@link TransactionUser}. Not thread-safe: every call, every timer and every inbound message must
 * run on one thread, such as the Netty event loop of the stack.
 */
public final class TransactionLayer implements InboundHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TransactionLayer.class);
    /** The shortest wait between two sweeps of the retained responses. */
    private static final Duration SWEEP_INTERVAL = Duration.ofMillis(100);

    private final SipTransport transport;
    private final TimerScheduler scheduler;
    private final TimerSettings settings;
    private final TransactionUser user;
    private final Map<TransactionKey, ClientTransaction> clients = new HashMap<>();
    private final Map<TransactionKey, ServerTransaction> servers = new HashMap<>();
    /** The final responses of completed non-INVITE transactions over UDP, kept for Timer J. */
    private final RetainedResponses retained = new RetainedResponses();
    /** Whether a timer is set to drop the retained responses whose Timer J ended. */
    private boolean sweepSet;

    public TransactionLayer(SipTransport transport, TimerScheduler scheduler, TimerSettings settings,
            TransactionUser user) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.user = Objects.requireNonNull(user, "user");
    }

    /**
     * Sends a request in a new client transaction. The top Via gets a fresh branch (RFC 3261 section
     * 8.1.1.7) except for a CANCEL, which must keep the branch of its INVITE (section 9.1).
     *
     * @throws IllegalArgumentException for an ACK, which has no client transaction: use
     *     {@link #sendStateless}
     */
    public ClientTransaction sendRequest(SipRequest request, Destination destination,
            ClientTransactionListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (request.method().equals(Method.ACK)) {
            throw new IllegalArgumentException("an ACK has no client transaction; send it with sendStateless");
        }
        SipRequest branched = request.method().equals(Method.CANCEL) ? request : withNewBranch(request);
        Transport used = transport.transportFor(branched, destination);
        Destination effective = new Destination(used, destination.address());
        TransactionKey key = TransactionKey.forClient(branched).orElseThrow();
        if (clients.containsKey(key)) {
            throw new IllegalArgumentException("a client transaction with branch " + key.branch() + " and method "
                    + key.method() + " already exists");
        }
        ClientTransaction transaction = branched.method().equals(Method.INVITE)
                ? new InviteClientTransaction(this, key, branched, effective, listener)
                : new NonInviteClientTransaction(this, key, branched, effective, listener);
        clients.put(key, transaction);
        transaction.start();
        return transaction;
    }

    /**
     * Builds and sends the CANCEL for an INVITE client transaction in a transaction of its own
     * (RFC 3261 section 9.1). Call it only after a provisional response arrived.
     */
    public ClientTransaction sendCancel(ClientTransaction invite) {
        if (!invite.isInvite()) {
            throw new IllegalArgumentException("only an INVITE can be cancelled, not " + invite.request().method());
        }
        return sendRequest(invite.request().cancel(), invite.destination(), ClientTransactionListener.NONE);
    }

    /** Sends a request outside any transaction, such as the ACK for a 2xx, with a fresh branch. */
    public CompletableFuture<Flow> sendStateless(SipRequest request, Destination destination) {
        return transport.sendRequest(withNewBranch(request), destination);
    }

    /** Returns the INVITE server transaction that a received CANCEL cancels (RFC 3261 section 9.2). */
    public Optional<ServerTransaction> findCancelledInvite(SipRequest cancel) {
        return Optional.ofNullable(servers.get(TransactionKey.inviteCancelledBy(cancel)));
    }

    /**
     * Returns the number of live client and server transactions, counting completed non-INVITE
     * server transactions over UDP until their Timer J ends.
     */
    public int size() {
        retained.expire(scheduler.nanoTime());
        return clients.size() + servers.size() + retained.size();
    }

    /**
     * Fails the client transactions still waiting on a closed TCP or TLS connection with a transport
     * error (RFC 3261 section 17.1.4), so their user learns of it at once instead of after Timer B or F.
     * NOTE: a server may send the response over a new connection (RFC 3261 section 18.2.2); such a
     * response now finds no transaction.
     */
    @Override
    public void onConnectionClosed(Destination destination) {
        List<ClientTransaction> waiting = new ArrayList<>();
        for (ClientTransaction transaction : clients.values()) {
            if (transaction.destination().equals(destination) && !transaction.isTerminated()) {
                waiting.add(transaction);
            }
        }
        for (ClientTransaction transaction : waiting) {
            transaction.transportFailed(new TransportException(
                    "connection to " + destination + " closed before a final response"));
        }
    }

    @Override
    public void onMessage(SipMessage message, Flow flow) {
        switch (message) {
            case SipResponse response -> receiveResponse(response, flow);
            case SipRequest request -> receiveRequest(request, flow);
        }
    }

    private void receiveResponse(SipResponse response, Flow flow) {
        Optional<TransactionKey> key = TransactionKey.forClient(response);
        ClientTransaction transaction = key.map(clients::get).orElse(null);
        if (transaction == null) {
            LOG.debug("response {} matches no transaction (Call-ID {}); passed to the TU", response.statusCode(),
                    response.callId());
            try {
                user.onStrayResponse(response, flow);
            } catch (MalformedHeaderException e) {
                LOG.debug("dropped stray response {} (Call-ID {}): {}", response.statusCode(), response.callId(),
                        e.getMessage());
            }
            return;
        }
        transaction.receiveResponse(response);
    }

    private void receiveRequest(SipRequest request, Flow flow) {
        TransactionKey key = TransactionKey.forServer(request);
        ServerTransaction existing = servers.get(key);
        if (existing != null) {
            existing.receiveRequest(request);
            return;
        }
        if (request.method().equals(Method.ACK)) {
            try {
                user.onAck(request, flow);
            } catch (MalformedHeaderException e) {
                // No response is ever sent to an ACK, so it is dropped.
                LOG.debug("dropped ACK (Call-ID {}): {}", request.callId(), e.getMessage());
            }
            return;
        }
        if (retained.size() > 0 && !request.method().equals(Method.INVITE) && resendRetained(key, flow)) {
            return;
        }
        ServerTransaction transaction = request.method().equals(Method.INVITE)
                ? new InviteServerTransaction(this, key, request, flow)
                : new NonInviteServerTransaction(this, key, request, flow);
        servers.put(key, transaction);
        if (transaction instanceof InviteServerTransaction invite) {
            invite.start();
        }
        try {
            user.onRequest(transaction);
        } catch (MalformedHeaderException e) {
            rejectMalformed(transaction, e);
        }
    }

    /**
     * Responds 400 to a request whose TU read a header that the parser left to be checked when read
     * and found malformed, unless the TU already sent a final response.
     */
    private void rejectMalformed(ServerTransaction transaction, MalformedHeaderException e) {
        SipRequest request = transaction.request();
        if (transaction.lastResponse != null && transaction.lastResponse.statusCode() >= 200) {
            LOG.debug("{} {} (Call-ID {}) has a malformed header after its final response was sent: {}",
                    request.method(), transaction.key.branch(), request.callId(), e.getMessage());
            return;
        }
        // Debug level, because a peer controls how often this happens. The 400 shows in traces.
        LOG.debug("answering {} (Call-ID {}) with 400 {}", request.method(), request.callId(), e.reasonPhrase());
        SipResponse.Builder response = SipResponse.forRequest(request, 400).reasonPhrase(e.reasonPhrase());
        if (request.to().tag().isEmpty()) {
            response.toTag(Branches.newTag());
        }
        transaction.respond(response.build());
    }

    /**
     * Resends to a retransmitted request, whose transaction completed, the final response kept for
     * it (RFC 3261 section 17.2.2). Over UDP the response goes to the address its top Via names, from the
     * socket the retransmission arrived on. Returns false when no response is kept for {@code key}.
     */
    private boolean resendRetained(TransactionKey key, Flow flow) {
        retained.expire(scheduler.nanoTime());
        byte[] bytes = retained.find(key);
        if (bytes == null) {
            return false;
        }
        // Bytes this stack serialized from a valid response parse again.
        if (!(SipParser.parseDatagram(bytes) instanceof MessageParseResult.Parsed parsed)
                || !(parsed.message() instanceof SipResponse response)) {
            LOG.warn("the kept response of completed transaction {} {} no longer parses; the retransmission is not"
                    + " answered", key.method(), key.branch());
            return true;
        }
        transport.sendResponse(response, bytes, flow).whenComplete((used, failure) -> {
            if (failure != null) {
                LOG.debug("resending {} to {} failed: {}", response.statusCode(), flow, failure.getMessage());
            }
        });
        return true;
    }

    /**
     * Replaces a completed non-INVITE server transaction over UDP with its final response, kept as
     * bytes until {@code deadline} on the scheduler's clock. Returns false, changing nothing, when the
     * response is too large to keep that way.
     */
    boolean retire(ServerTransaction transaction, byte[] response, long deadline) {
        retained.expire(scheduler.nanoTime());
        if (!retained.put(transaction.key, response, deadline)) {
            return false;
        }
        servers.remove(transaction.key, transaction);
        setSweep();
        return true;
    }

    /** Forgets the response kept for a retired transaction, after it failed. */
    void forgetRetired(ServerTransaction transaction) {
        retained.remove(transaction.key);
    }

    /**
     * Sets a timer that drops the retained responses up to the oldest one's deadline, at least
     * {@link #SWEEP_INTERVAL} away, so that a server under load does not wake up for each response.
     * A retransmission never gets a response whose deadline passed, because lookups drop those first.
     */
    private void setSweep() {
        long deadline = retained.nextDeadline();
        if (sweepSet || deadline == Long.MAX_VALUE) {
            return;
        }
        sweepSet = true;
        scheduler.schedule(Duration.ofNanos(sweepDelay(deadline - scheduler.nanoTime())), () -> {
            sweepSet = false;
            retained.expire(scheduler.nanoTime());
            setSweep();
        });
    }

    /**
     * Returns the largest power-of-two multiple of {@link #SWEEP_INTERVAL} not above {@code waitNanos},
     * or the interval itself for a shorter wait. A sweep that wakes early sets the next one for the
     * rest of the wait. {@link FifoTimerScheduler} keeps a queue for each distinct delay with timers
     * pending, so a small fixed set of delays (nine for Timer J of 32 s) lets sweeps share queues.
     */
    private static long sweepDelay(long waitNanos) {
        long interval = SWEEP_INTERVAL.toNanos();
        if (waitNanos <= interval) {
            return interval;
        }
        return interval * Long.highestOneBit(waitNanos / interval);
    }

    private static SipRequest withNewBranch(SipRequest request) {
        Via top = request.topVia().orElseThrow(() -> new IllegalArgumentException("request has no Via"));
        Via branched = top.withParameter(new Parameter("branch", Branches.newBranch()));
        return request.toBuilder().vias(replaceTop(request, branched)).build();
    }

    private static List<Via> replaceTop(SipRequest request, Via top) {
        List<Via> vias = new ArrayList<>(request.vias());
        vias.set(0, top);
        return vias;
    }

    void remove(Transaction transaction) {
        switch (transaction) {
            case ClientTransaction client -> clients.remove(client.key, client);
            case ServerTransaction server -> servers.remove(server.key, server);
        }
    }

    SipTransport transport() {
        return transport;
    }

    TimerScheduler scheduler() {
        return scheduler;
    }

    TimerSettings settings() {
        return settings;
    }

    TransactionUser user() {
        return user;
    }
}
