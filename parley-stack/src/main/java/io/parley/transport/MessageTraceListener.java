package io.parley.transport;

import io.parley.message.SipMessage;

/**
 * Receives every SIP message a transport sends or receives, for traces. It runs on the transport thread
 * and must not block. Messages carry credentials in clear: mask them before printing (see
 * {@link io.parley.message.Header#toString()}).
 */
@FunctionalInterface
public interface MessageTraceListener {

    /** Whether a message was sent or received. */
    enum Direction { SENT, RECEIVED }

    /** A listener that ignores every message. */
    MessageTraceListener NONE = (direction, message, flow) -> { };

    /**
     * Handles one message: as sent, with the Via filled in, or as received, before
     * {@code received} and {@code rport} are added.
     */
    void onMessage(Direction direction, SipMessage message, Flow flow);
}
