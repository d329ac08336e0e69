package io.parley.transaction;

import io.parley.message.SipResponse;

/** Receives the responses of a client transaction other than the first final one. */
public interface ClientTransactionListener {

    /** A listener that ignores every call. */
    ClientTransactionListener NONE = new ClientTransactionListener() {
    };

    /** Handles a provisional (1xx) response. */
    default void onProvisional(SipResponse response) {
    }

    /**
     * Handles a 2xx to an INVITE after the first one: a retransmission, or a 2xx from another fork.
     * The dialog layer sends an ACK for each (RFC 6026 section 8.4).
     */
    default void onAdditionalSuccess(SipResponse response) {
    }
}
