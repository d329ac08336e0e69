package io.parley.transaction;

import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transport.Destination;
import java.time.Duration;

/**
 * The INVITE client transaction of RFC 3261 section 17.1.1 with the Accepted state of RFC 6026.
 * It sends the ACK for a 3xx-6xx response itself; the ACK for a 2xx belongs to the dialog layer.
 */
public final class InviteClientTransaction extends ClientTransaction {

    private Duration retransmitInterval;
    private SipRequest ack;

    InviteClientTransaction(TransactionLayer layer, TransactionKey key, SipRequest request, Destination destination,
            ClientTransactionListener listener) {
        super(layer, key, request, destination, listener, TransactionState.CALLING);
    }

    @Override
    void start() {
        send(request);
        if (!reliable) {
            retransmitInterval = settings().t1();
            startTimer(TimerName.A, retransmitInterval, this::onTimerA);
        }
        startTimer(TimerName.B, settings().transactionTimeout(), this::onTimerB);
    }

    /** Timer A: retransmit in Calling, doubling the interval each time (RFC 3261 section 17.1.1.2). */
    private void onTimerA() {
        if (state() != TransactionState.CALLING) {
            return;
        }
        send(request);
        retransmitInterval = retransmitInterval.multipliedBy(2);
        startTimer(TimerName.A, retransmitInterval, this::onTimerA);
    }

    /** Timer B: no response at all in Calling, so the transaction times out. */
    private void onTimerB() {
        if (state() != TransactionState.CALLING) {
            return;
        }
        fail(TransactionTimeoutException.of("B", settings().transactionTimeout(), request.method().name(), branch()));
    }

    @Override
    void receiveResponse(SipResponse response) {
        switch (state()) {
            case CALLING, PROCEEDING -> receiveInCallingOrProceeding(response);
            case ACCEPTED -> {
                if (response.isSuccess()) {
                    listener.onAdditionalSuccess(response);
                }
            }
            case COMPLETED -> {
                // A retransmitted 3xx-6xx means our ACK was lost: send it again without telling the TU.
                if (response.statusCode() >= 300) {
                    send(ack);
                }
            }
            default -> {
                // Terminated: nothing matches any more.
            }
        }
    }

    private void receiveInCallingOrProceeding(SipResponse response) {
        cancelTimer(TimerName.A);
        if (response.isProvisional()) {
            cancelTimer(TimerName.B);
            moveTo(TransactionState.PROCEEDING);
            listener.onProvisional(response);
            return;
        }
        cancelTimer(TimerName.B);
        if (response.isSuccess()) {
            // RFC 6026 section 8.4: stay in Accepted for Timer M so 2xx retransmissions reach the TU.
            moveTo(TransactionState.ACCEPTED);
            deliverFinal(response);
            startTimer(TimerName.M, settings().transactionTimeout(), () -> moveTo(TransactionState.TERMINATED));
            return;
        }
        // The response goes to the TU before the ACK is sent, so a failed ACK cannot hide it.
        moveTo(TransactionState.COMPLETED);
        deliverFinal(response);
        ack = request.ackFor(response);
        send(ack);
        startTimer(TimerName.D, settings().timerD(reliable), () -> moveTo(TransactionState.TERMINATED));
    }
}
