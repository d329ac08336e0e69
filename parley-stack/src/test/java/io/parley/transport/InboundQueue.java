package io.parley.transport;

import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Collects what a transport hands up, for tests to take with a timeout. */
final class InboundQueue implements InboundHandler {

    /** Long enough for a loaded build machine; a passing test never waits this long. */
    static final long TIMEOUT_SECONDS = 10;

    record Received(SipMessage message, Flow flow) {
        SipRequest request() {
            return (SipRequest) message;
        }

        SipResponse response() {
            return (SipResponse) message;
        }
    }

    private final BlockingQueue<Received> queue = new LinkedBlockingQueue<>();

    @Override
    public void onMessage(SipMessage message, Flow flow) {
        queue.add(new Received(message, flow));
    }

    /** Returns the next message, failing the test when none arrives in time. */
    Received take() throws InterruptedException {
        Received received = queue.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (received == null) {
            throw new AssertionError("no message arrived within " + TIMEOUT_SECONDS + " s");
        }
        return received;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }
}
