package io.parley.transaction;

import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transport.Flow;
import java.util.ArrayList;
import java.util.List;

/** A transaction user that records every callback. */
final class RecordingUser implements TransactionUser, ClientTransactionListener {

    final List<ServerTransaction> requests = new ArrayList<>();
    final List<SipRequest> acks = new ArrayList<>();
    final List<SipResponse> strayResponses = new ArrayList<>();
    final List<Exception> serverFailures = new ArrayList<>();
    final List<SipResponse> provisionals = new ArrayList<>();
    final List<SipResponse> additionalSuccesses = new ArrayList<>();
    @Override
    public void onRequest(ServerTransaction transaction) {
        requests.add(transaction);
    }

    @Override
    public void onAck(SipRequest ack, Flow flow) {
        acks.add(ack);
    }

    @Override
    public void onStrayResponse(SipResponse response, Flow flow) {
        strayResponses.add(response);
    }

    @Override
    public void onServerTransactionFailed(ServerTransaction transaction, Exception cause) {
        serverFailures.add(cause);
    }

    @Override
    public void onProvisional(SipResponse response) {
        provisionals.add(response);
    }

    @Override
    public void onAdditionalSuccess(SipResponse response) {
        additionalSuccesses.add(response);
    }
}
