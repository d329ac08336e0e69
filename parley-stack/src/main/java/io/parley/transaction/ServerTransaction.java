package io.parley.transaction;

import io.parley.message.Method;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.parser.MessageParseResult;
import io.parley.parser.SipParser;
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

    /** The request; after {@link #compact} null until {@link #request()} parses it again. */
    private volatile SipRequest request;
    /** The request's bytes once {@link #compact} dropped the parsed request; null before, or when released. */
    private volatile byte[] compactRequest;
    final Flow flow;
    /** The last response sent; null after {@link #compact} until a retransmission parses it again. */
    SipResponse lastResponse;
    /** The serialized last response, or null to serialize it at each send. */
    private byte[] lastResponseBytes;

    ServerTransaction(TransactionLayer layer, TransactionKey key, SipRequest request, Flow flow,
            TransactionState initial) {
        super(layer, key, flow.transport().isReliable(), initial);
        this.request = request;
        this.flow = flow;
    }

    /** Returns the request as received, with {@code received} and {@code rport} in its top Via. */
    @Override
    public SipRequest request() {
        SipRequest current = request;
        if (current != null) {
            return current;
        }
        if (compactRequest == null) {
            throw new IllegalStateException("the request of transaction " + branch() + " was released after its final"
                    + " response, because its transaction user does not keep requests");
        }
        // Bytes this stack serialized from a valid request parse again; a race parses them twice.
        MessageParseResult parsed = SipParser.parseDatagram(compactRequest);
        if (!(parsed instanceof MessageParseResult.Parsed done) || !(done.message() instanceof SipRequest again)) {
            throw new IllegalStateException("the stored request of transaction " + branch() + " no longer parses: " + parsed);
        }
        request = again;
        return again;
    }

    /** Returns the method of the request, available after the request is released. */
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
     * {@code bytes} is {@code response.toBytes()} and {@code requestBytes} is
     * {@code request().toBytes()}, each null when not computed.
     */
    abstract void respond(SipResponse response, byte[] bytes, byte[] requestBytes);

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
        if (isTerminated()) {
            return;
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
     * Keeps the request and the last response as bytes only, or only the response when the
     * transaction user does not keep requests. A non-INVITE transaction over UDP stays
     * in Completed for Timer J, 32 s (RFC 3261 section 17.2.2), so a server under load keeps many,
     * and their decoded values would keep several kilobytes each alive that long. The request parses
     * again when {@link #request()} is next called, and the response when it is resent.
     */
    final void compact(byte[] requestBytes) {
        SipRequest current = request;
        if (current != null) {
            if (layer.user().keepsRequestsAfterFinalResponse()) {
                compactRequest = requestBytes != null ? requestBytes : current.toBytes();
            }
            request = null;
        }
        if (lastResponse != null) {
            if (lastResponseBytes == null) {
                lastResponseBytes = lastResponse.toBytes();
            }
            lastResponse = null;
        }
    }

    final void resendLastResponse() {
        if (lastResponse == null && lastResponseBytes != null) {
            // Bytes this stack serialized from a valid response parse again.
            if (!(SipParser.parseDatagram(lastResponseBytes) instanceof MessageParseResult.Parsed parsed)
                    || !(parsed.message() instanceof SipResponse response)) {
                LOG.warn("the stored response of transaction {} no longer parses; the retransmission is not answered",
                        branch());
                return;
            }
            lastResponse = response;
        }
        if (lastResponse != null) {
            sendLast();
        }
    }

    @Override
    String kind() {
        return "server";
    }
}
