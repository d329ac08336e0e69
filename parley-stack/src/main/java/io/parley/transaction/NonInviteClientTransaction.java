package io.parley.transaction;

import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transport.Destination;
import java.time.Duration;

/** The non-INVITE client transaction of RFC 3261 section 17.1.2: Trying, Proceeding, Completed. */
public final class NonInviteClientTransaction extends ClientTransaction {

    private Duration retransmitInterval;

    NonInviteClientTransaction(TransactionLayer layer, TransactionKey key, SipRequest request,
            Destination destination, ClientTransactionListener listener) {
        super(layer, key, request, destination, listener, TransactionState.TRYING);
    }

    @Override
    void start() {
        send(request);
        if (!reliable) {
            retransmitInterval = settings().t1();
            startTimer(TimerName.E, retransmitInterval, this::onTimerE);
        }
        startTimer(TimerName.F, settings().transactionTimeout(), this::onTimerF);
    }

    /** Timer E: retransmit, doubling the interval up to T2; in Proceeding the interval is T2. */
    private void onTimerE() {
        if (state() != TransactionState.TRYING && state() != TransactionState.PROCEEDING) {
            return;
        }
        send(request);
        retransmitInterval = state() == TransactionState.PROCEEDING
                ? settings().t2() : settings().backOff(retransmitInterval);
        startTimer(TimerName.E, retransmitInterval, this::onTimerE);
    }

    /** Timer F: no final response in time, so the transaction times out. */
    private void onTimerF() {
        fail(TransactionTimeoutException.of("F", settings().transactionTimeout(), request.method().name(), branch()));
    }

    @Override
    void receiveResponse(SipResponse response) {
        TransactionState state = state();
        if (state != TransactionState.TRYING && state != TransactionState.PROCEEDING) {
            return; // Completed: a retransmitted final response is absorbed.
        }
        if (response.isProvisional()) {
            moveTo(TransactionState.PROCEEDING);
            listener.onProvisional(response);
            return;
        }
        cancelTimer(TimerName.E);
        cancelTimer(TimerName.F);
        moveTo(TransactionState.COMPLETED);
        deliverFinal(response);
        startTimer(TimerName.K, settings().timerIOrK(reliable), () -> moveTo(TransactionState.TERMINATED));
    }
}
