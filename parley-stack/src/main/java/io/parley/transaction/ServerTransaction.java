package io.parley.transaction;

import io.parley.message.Method;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transport.Flow;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server transaction (RFC 3261 section 17.2): absorbs retransmitted requests, resends the last
 * response, and sends the responses the TU passes to {@link #respond}.
 */
public abstract sealed class ServerTransaction extends Transaction
        permits InviteServerTransaction, NonInviteServerTransaction {

    private static final Logger LOG = LoggerFactory.getLogger(ServerTransaction.class);

    private final SipRequest request;
    final Flow flow;
    /** The last response sent. */
    SipResponse lastResponse;
    /** The serialized last response, or null to serialize it at each send. */
    private byte[] lastResponseBytes;
    /** Whether the layer keeps only the final response of this completed transaction, as {@link #retire} describes. */
    private volatile boolean retired;
    /** When Timer J of a retired transaction ends, on the layer's scheduler clock. */
    private volatile long retiredUntil;

    ServerTransaction(TransactionLayer layer, TransactionKey key, SipRequest request, Flow flow,
            TransactionState initial) {
        super(layer, key, flow.transport().isReliable(), initial);
        this.request = request;
        this.flow = flow;
    }

    /** Returns the request as received, with {@code received} and {@code rport} in its top Via. */
    @Override
    public SipRequest request() {
        return request;
    }

    /** Returns the current state. A retired transaction is terminated once its Timer J has ended. */
    @Override
    public TransactionState state() {
        TransactionState current = super.state();
        if (retired && current == TransactionState.COMPLETED && layer.scheduler().nanoTime() - retiredUntil >= 0) {
            return TransactionState.TERMINATED;
        }
        return current;
    }

    /** Returns the method of the request. */
    public Method method() {
        return key.method();
    }

    /** Returns the flow the request arrived on. */
    public Flow flow() {
        return flow;
    }

    /** Returns whether this is an INVITE transaction. */
    public boolean isInvite() {
        return key.method().equals(Method.INVITE);
    }

    /**
     * Sends a response to the request. Build it with {@code SipResponse.forRequest(request(), status)}.
     * Call it on the stack thread, as inside {@link TransactionUser#onRequest}; from another thread
     * use {@link SipStack#respond}.
     *
     * @throws IllegalArgumentException if the response's branch or CSeq does not match the request
     * @throws IllegalStateException if a final response was already sent, except further 2xx
     *     responses to an INVITE, which the TU retransmits itself (RFC 6026 section 8.5)
     */
    public abstract void respond(SipResponse response);

    /**
     * Sends a response like {@link #respond(SipResponse)} with work already done on another thread:
     * {@code bytes} is {@code response.toBytes()}, or null when not computed.
     */
    abstract void respond(SipResponse response, byte[] bytes);

    /** Handles a retransmission of the request, or for INVITE the ACK. */
    abstract void receiveRequest(SipRequest retransmission);

    final void checkMatches(SipResponse response) {
        SipRequest request = request();
        if (!response.cseq().equals(request.cseq())) {
            throw new IllegalArgumentException("response CSeq " + response.cseq() + " does not match request CSeq "
                    + request.cseq() + "; build it with SipResponse.forRequest");
        }
        String responseBranch = response.topVia().flatMap(via -> via.branch()).orElse("");
        String requestBranch = request.topVia().flatMap(via -> via.branch()).orElse("");
        if (!responseBranch.equals(requestBranch)) {
            throw new IllegalArgumentException("response branch '" + responseBranch + "' does not match request branch '"
                    + requestBranch + "'; build it with SipResponse.forRequest");
        }
    }

    final void send(SipResponse response) {
        send(response, null);
    }

    /** Sends {@code response}, whose serialized form is {@code bytes} when not null. */
    final void send(SipResponse response, byte[] bytes) {
        lastResponse = response;
        lastResponseBytes = bytes;
        sendLast();
    }

    private void sendLast() {
        CompletableFuture<Flow> sent = lastResponseBytes == null ? layer.transport().sendResponse(lastResponse, flow)
                : layer.transport().sendResponse(lastResponse, lastResponseBytes, flow);
        sent.whenComplete((usedFlow, failure) -> {
            if (failure != null) {
                transportFailed(failure instanceof CompletionException wrapped && wrapped.getCause() != null
                        ? wrapped.getCause() : failure);
            }
        });
    }

    /** RFC 3261 section 17.2.4: the transport already tried the alternatives of 18.2.2, so the failure goes to the TU. */
    private void transportFailed(Throwable failure) {
        // Only state() counts a retired transaction as terminated once its Timer J ended. By then the
        // response kept for its key may belong to a newer transaction, which must not be forgotten.
        if (state() == TransactionState.TERMINATED) {
            return;
        }
        if (retired) {
            layer.forgetRetired(this);
        }
        LOG.warn("sending a response to {} failed (branch {}): {}", key.method(), branch(), failure.getMessage());
        moveTo(TransactionState.TERMINATED);
        Exception cause = failure instanceof Exception exception ? exception : new RuntimeException(failure);
        layer.user().onServerTransactionFailed(this, cause);
    }

    /**
     * Returns whether this transaction keeps {@code response} for retransmissions after sending it: a
     * final response of a non-INVITE transaction over UDP, which stays in Completed for Timer J.
     */
    final boolean keepsResponseForRetransmission(SipResponse response) {
        return !reliable && !isInvite() && !response.isProvisional();
    }

    /**
     * Hands the final response of this completed non-INVITE transaction over UDP to the layer. The
     * layer resends {@code response}, its bytes, to each retransmitted request until Timer J ends
     * (RFC 3261 section 17.2.2), and drops its reference to this object. A server under load
     * completes many such transactions and keeps each for 32 s, so keeping only the bytes spares the
     * garbage collector. Returns false when the transaction already terminated or the layer cannot
     * keep the response, and Timer J then runs on this object.
     */
    final boolean retire(byte[] response) {
        if (isTerminated()) {
            return false;
        }
        long deadline = layer.scheduler().nanoTime() + settings().timerJ(false).toNanos();
        if (!layer.retire(this, response, deadline)) {
            return false;
        }
        retiredUntil = deadline;
        retired = true;
        return true;
    }

    final void resendLastResponse() {
        if (lastResponse != null) {
            sendLast();
        }
    }

    @Override
    String kind() {
        return "server";
    }
}
