package io.parley.transaction;

import io.parley.message.Method;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transport.Flow;
import java.time.Duration;

/**
 * The INVITE server transaction of RFC 3261 section 17.2.1 with the Accepted state of RFC 6026: the
 * TU retransmits its 2xx itself, and the ACK for a 2xx passes to the TU.
 */
public final class InviteServerTransaction extends ServerTransaction {

    /** RFC 3261 section 17.2.1: a 100 Trying goes out unless the TU responds within 200 ms. */
    static final Duration TRYING_DELAY = Duration.ofMillis(200);

    private Duration retransmitInterval;

    InviteServerTransaction(TransactionLayer layer, TransactionKey key, SipRequest request, Flow flow) {
        super(layer, key, request, flow, TransactionState.PROCEEDING);
    }

    /** Starts the 200 ms wait after which the transaction sends 100 Trying itself. */
    void start() {
        startTimer(TimerName.TRYING_100, TRYING_DELAY, () -> {
            if (state() == TransactionState.PROCEEDING && lastResponse == null) {
                send(SipResponse.forRequest(request(), 100).build());
            }
        });
    }

    @Override
    void receiveRequest(SipRequest message) {
        if (message.method().equals(Method.ACK)) {
            receiveAck(message);
            return;
        }
        // A retransmitted INVITE: the last provisional in Proceeding, the final in Completed;
        // absorbed in Accepted and Confirmed.
        if (state() == TransactionState.PROCEEDING || state() == TransactionState.COMPLETED) {
            resendLastResponse();
        }
    }

    private void receiveAck(SipRequest ack) {
        switch (state()) {
            case COMPLETED -> {
                cancelTimer(TimerName.G);
                cancelTimer(TimerName.H);
                moveTo(TransactionState.CONFIRMED);
                startTimer(TimerName.I, settings().timerIOrK(reliable), () -> moveTo(TransactionState.TERMINATED));
            }
            case ACCEPTED -> layer.user().onAck(ack, flow);
            default -> {
                // Confirmed: a retransmitted ACK is absorbed. Proceeding: an ACK before any final is ignored.
            }
        }
    }

    /** Sends like {@link #respond(SipResponse)}: an INVITE transaction keeps no bytes, because its responses are few and short-lived. */
    @Override
    void respond(SipResponse response, byte[] bytes) {
        respond(response);
    }

    @Override
    public void respond(SipResponse response) {
        checkMatches(response);
        TransactionState state = state();
        if (state == TransactionState.ACCEPTED && response.isSuccess()) {
            send(response);
            return;
        }
        if (state != TransactionState.PROCEEDING) {
            throw new IllegalStateException("a final response to INVITE was already sent (state " + state
                    + "); the " + response.statusCode() + " is dropped");
        }
        cancelTimer(TimerName.TRYING_100);
        send(response);
        if (response.isProvisional()) {
            return;
        }
        if (response.isSuccess()) {
            moveTo(TransactionState.ACCEPTED);
            startTimer(TimerName.L, settings().transactionTimeout(), () -> moveTo(TransactionState.TERMINATED));
            return;
        }
        moveTo(TransactionState.COMPLETED);
        if (!reliable) {
            retransmitInterval = settings().t1();
            startTimer(TimerName.G, retransmitInterval, this::onTimerG);
        }
        startTimer(TimerName.H, settings().transactionTimeout(), this::onTimerH);
    }

    /** Timer G: retransmit the 3xx-6xx response, doubling the interval up to T2. */
    private void onTimerG() {
        if (state() != TransactionState.COMPLETED) {
            return;
        }
        resendLastResponse();
        retransmitInterval = settings().backOff(retransmitInterval);
        startTimer(TimerName.G, retransmitInterval, this::onTimerG);
    }

    /** Timer H: the ACK never arrived, so the failure goes to the TU (RFC 3261 section 17.2.1). */
    private void onTimerH() {
        moveTo(TransactionState.TERMINATED);
        layer.user().onServerTransactionFailed(this, TransactionTimeoutException.noAck(
                settings().transactionTimeout(), lastResponse.statusCode(), branch()));
    }
}
