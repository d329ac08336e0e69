package io.parley.transaction;

import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transport.Flow;

/** The non-INVITE server transaction of RFC 3261 section 17.2.2: Trying, Proceeding, Completed. */
public final class NonInviteServerTransaction extends ServerTransaction {

    NonInviteServerTransaction(TransactionLayer layer, TransactionKey key, SipRequest request, Flow flow) {
        super(layer, key, request, flow, TransactionState.TRYING);
    }

    @Override
    void receiveRequest(SipRequest retransmission) {
        // Trying: absorbed without a response; Proceeding and Completed: the last response again.
        if (state() == TransactionState.PROCEEDING || state() == TransactionState.COMPLETED) {
            resendLastResponse();
        }
    }

    @Override
    public void respond(SipResponse response) {
        respond(response, null);
    }

    @Override
    void respond(SipResponse response, byte[] bytes) {
        TransactionState state = state();
        if (state != TransactionState.TRYING && state != TransactionState.PROCEEDING) {
            throw new IllegalStateException("a final response to " + key.method() + " was already sent; the "
                    + response.statusCode() + " is dropped");
        }
        checkMatches(response);
        byte[] wire = bytes;
        if (wire == null && keepsResponseForRetransmission(response)) {
            // Serialized once here, for sending and for the layer to keep.
            wire = response.toBytes();
        }
        send(response, wire);
        if (response.isProvisional()) {
            moveTo(TransactionState.PROCEEDING);
            return;
        }
        moveTo(TransactionState.COMPLETED);
        if (!reliable && retire(wire)) {
            return;
        }
        startTimer(TimerName.J, settings().timerJ(reliable), () -> moveTo(TransactionState.TERMINATED));
    }
}
