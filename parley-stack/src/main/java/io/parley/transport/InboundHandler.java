package io.parley.transport;

import io.parley.message.SipMessage;

/** Receives every well-formed message a listener reads, with the flow it arrived on. */
@FunctionalInterface
public interface InboundHandler {

    /** Handles one message; requests already carry {@code received} and {@code rport} in their top Via. */
    void onMessage(SipMessage message, Flow flow);

    /** Handles the close of a TCP or TLS connection with {@code destination}, opened by either side. */
    default void onConnectionClosed(Destination destination) {
    }
}
