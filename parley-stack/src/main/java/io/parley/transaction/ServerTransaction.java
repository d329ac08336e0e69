package io.parley.transaction;

import io.parley.message.Method;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transport.Flow;
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

    final SipRequest request;
    final Flow flow;
    SipResponse lastResponse;

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

    /** Returns the flow the request arrived on. */
    public Flow flow() {
        return flow;
    }

    /** Returns whether this is an INVITE transaction. */
    public boolean isInvite() {
        return request.method().equals(Method.INVITE);
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

    /** Handles a retransmission of the request, or for INVITE the ACK. */
    abstract void receiveRequest(SipRequest retransmission);

    final void checkMatches(SipResponse response) {
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
        lastResponse = response;
        layer.transport().sendResponse(response, flow).whenComplete((usedFlow, failure) -> {
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
        LOG.warn("sending a response to {} failed (Call-ID {}, branch {}): {}", request.method(), request.callId(),
                branch(), failure.getMessage());
        moveTo(TransactionState.TERMINATED);
        Exception cause = failure instanceof Exception exception ? exception : new RuntimeException(failure);
        layer.user().onServerTransactionFailed(this, cause);
    }

    final void resendLastResponse() {
        if (lastResponse != null) {
            send(lastResponse);
        }
    }

    @Override
    String kind() {
        return "server";
    }
}
