package io.parley.transaction;

/**
 * States of the four transaction machines of RFC 3261 section 17, with the Accepted state that
 * RFC 6026 adds to both INVITE machines. Each machine uses a subset.
 */
public enum TransactionState {
    /** Client INVITE: request sent, no response yet (Timers A and B run). */
    CALLING,
    /** Non-INVITE: request sent or received, no response yet. */
    TRYING,
    /** A provisional response was received or sent. */
    PROCEEDING,
    /** INVITE: a 2xx was received or sent; 2xx retransmissions and their ACKs pass to the TU (RFC 6026). */
    ACCEPTED,
    /** A final response was received or sent; retransmissions are absorbed. */
    COMPLETED,
    /** Server INVITE: the ACK for a non-2xx final response arrived. */
    CONFIRMED,
    /** The transaction is over and removed from the layer. */
    TERMINATED
}
