package io.parley.transaction;

import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transport.Destination;
import io.parley.transport.Flow;
import io.parley.transport.SipTransport;
import io.parley.transport.TestMessages;
import io.parley.transport.Transport;
import io.parley.transport.TransportException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A transport that records what the transaction layer sends and can fail every send. */
final class RecordingTransport implements SipTransport {

    final List<SipMessage> sent = new ArrayList<>();
    boolean failSends;

    @Override
    public CompletableFuture<Flow> sendRequest(SipRequest request, Destination destination) {
        return record(request, new Flow(destination.transport(), TestMessages.LOCAL, destination.address()));
    }

    @Override
    public CompletableFuture<Flow> sendResponse(SipResponse response, Flow requestFlow) {
        return record(response, requestFlow);
    }

    @Override
    public Transport transportFor(SipRequest request, Destination destination) {
        boolean large = request.toBytes().length > UDP_REQUEST_LIMIT;
        return destination.transport() == Transport.UDP && large ? Transport.TCP : destination.transport();
    }

    private CompletableFuture<Flow> record(SipMessage message, Flow flow) {
        if (failSends) {
            return CompletableFuture.failedFuture(new TransportException("connection refused by test"));
        }
        sent.add(message);
        return CompletableFuture.completedFuture(flow);
    }

    List<SipRequest> requests() {
        List<SipRequest> requests = new ArrayList<>();
        for (SipMessage message : sent) {
            if (message instanceof SipRequest request) {
                requests.add(request);
            }
        }
        return requests;
    }

    List<SipResponse> responses() {
        List<SipResponse> responses = new ArrayList<>();
        for (SipMessage message : sent) {
            if (message instanceof SipResponse response) {
                responses.add(response);
            }
        }
        return responses;
    }

    SipMessage last() {
        return sent.get(sent.size() - 1);
    }
}
