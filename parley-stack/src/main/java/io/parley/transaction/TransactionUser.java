package io.parley.transaction;

import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transport.Flow;

/**
 * The layer above the transactions (RFC 3261 section 17): it receives new requests, ACKs for 2xx
 * responses and responses that no transaction matches. Every method runs on the stack thread and
 * must not block.
 */
public interface TransactionUser {

    /**
     * Handles a new request, once per transaction: retransmissions are absorbed. Respond with
     * {@link ServerTransaction#respond}, now or later.
     */
    void onRequest(ServerTransaction transaction);

    /**
     * Handles an ACK that no transaction absorbs: the ACK for a 2xx, which is a transaction of its
     * own (RFC 3261 section 17.1.1.3), or an ACK that arrives in the Accepted state (RFC 6026).
     */
    default void onAck(SipRequest ack, Flow flow) {
    }

    /**
     * Handles a response that matches no client transaction, such as a 2xx retransmitted after
     * Timer M ended the INVITE transaction. The default drops it (RFC 3261 section 18.1.2).
     */
    default void onStrayResponse(SipResponse response, Flow flow) {
    }

    /**
     * Handles a server transaction that failed: Timer H fired before the ACK arrived, or a response
     * could not be sent. The cause is a {@link TransactionTimeoutException} or a
     * {@link io.parley.transport.TransportException}.
     */
    default void onServerTransactionFailed(ServerTransaction transaction, Exception cause) {
    }
}
