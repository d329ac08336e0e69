package io.parley.transaction;

import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transport.Destination;
import io.parley.transport.Flow;
import io.parley.transport.TestMessages;
import io.parley.transport.Transport;
import java.time.Duration;

/** A transaction layer on a recording transport and a manual clock, with the RFC 3261 default timers. */
final class LayerFixture {

    final ManualTimerScheduler clock = new ManualTimerScheduler();
    final RecordingTransport transport = new RecordingTransport();
    final RecordingUser user = new RecordingUser();
    final TransactionLayer layer = new TransactionLayer(transport, clock, TimerSettings.DEFAULTS, user);

    static Destination destination(Transport transport) {
        return new Destination(transport, TestMessages.PEER);
    }

    static Flow flow(Transport transport) {
        return new Flow(transport, TestMessages.LOCAL, TestMessages.PEER);
    }

    ClientTransaction send(SipRequest request, Transport transport) {
        return layer.sendRequest(request, destination(transport), user);
    }

    /** Delivers a response built for the request the client transaction actually sent. */
    void receiveResponse(ClientTransaction transaction, int status) {
        layer.onMessage(TestMessages.response(transaction.request(), status), flow(transaction.destination().transport()));
    }

    void receive(SipRequest request, Transport transport) {
        layer.onMessage(request, flow(transport));
    }

    void advance(long millis) {
        clock.advance(Duration.ofMillis(millis));
    }

    int requestsSent() {
        return transport.requests().size();
    }

    int responsesSent() {
        return transport.responses().size();
    }

    SipResponse lastResponse() {
        return transport.responses().get(transport.responses().size() - 1);
    }
}
