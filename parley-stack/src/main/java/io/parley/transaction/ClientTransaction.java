package io.parley.transaction;

import io.parley.message.Method;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transport.Destination;
import io.parley.transport.Flow;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client transaction (RFC 3261 section 17.1): sends a request, retransmits it over UDP, and
 * completes {@link #finalResponse()} with the first final response, a
 * {@link TransactionTimeoutException} or a {@link io.parley.transport.TransportException}.
 */
public abstract sealed class ClientTransaction extends Transaction
        permits InviteClientTransaction, NonInviteClientTransaction {

    private static final Logger LOG = LoggerFactory.getLogger(ClientTransaction.class);

    final SipRequest request;
    final Destination destination;
    final ClientTransactionListener listener;
    private final CompletableFuture<SipResponse> finalResponse = new CompletableFuture<>();
    private volatile Flow flow;

    ClientTransaction(TransactionLayer layer, TransactionKey key, SipRequest request, Destination destination,
            ClientTransactionListener listener, TransactionState initial) {
        super(layer, key, destination.transport().isReliable(), initial);
        this.request = request;
        this.destination = destination;
        this.listener = listener;
    }

    /** Returns the request with its branch, before the transport filled in the Via sent-by. */
    @Override
    public SipRequest request() {
        return request;
    }

    /** Returns where the request goes. */
    public Destination destination() {
        return destination;
    }

    /** Returns the flow of the last send, once the transport has sent the request. */
    public Optional<Flow> flow() {
        return Optional.ofNullable(flow);
    }

    /** Returns the first final response, or the failure that ended the transaction. */
    public CompletableFuture<SipResponse> finalResponse() {
        return finalResponse;
    }

    /** Returns whether this is an INVITE transaction. */
    public boolean isInvite() {
        return request.method().equals(Method.INVITE);
    }

    /** Starts the machine: sends the request and starts its timers. */
    abstract void start();

    /** Handles a response whose branch and CSeq method match this transaction. */
    abstract void receiveResponse(SipResponse response);

    /** Sends a request of this transaction (the original, a retransmission, or an ACK). */
    final void send(SipRequest message) {
        layer.transport().sendRequest(message, destination).whenComplete((usedFlow, failure) -> {
            if (failure != null) {
                transportFailed(failure instanceof CompletionException wrapped && wrapped.getCause() != null
                        ? wrapped.getCause() : failure);
            } else {
                flow = usedFlow;
            }
        });
    }

    /** RFC 3261 section 17.1.4: a transport error ends the transaction and is reported to the TU. */
    void transportFailed(Throwable failure) {
        if (isTerminated()) {
            return;
        }
        LOG.warn("sending {} failed (Call-ID {}, branch {}): {}", request.method(), request.callId(), branch(),
                failure.getMessage());
        fail(failure);
    }

    final void deliverFinal(SipResponse response) {
        finalResponse.complete(response);
    }

    final void fail(Throwable cause) {
        moveTo(TransactionState.TERMINATED);
        finalResponse.completeExceptionally(cause);
    }

    @Override
    String kind() {
        return "client";
    }
}
