package io.parley.cli;

import io.parley.message.SipMessage;
import io.parley.transport.Flow;
import io.parley.transport.MessageTraceListener;
import java.io.PrintWriter;

/** Prints every message a stack sends or receives, masked by {@link MaskedTrace}, with its flow. */
final class TracePrinter implements MessageTraceListener {

    private final PrintWriter out;

    TracePrinter(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void onMessage(Direction direction, SipMessage message, Flow flow) {
        String arrow = direction == Direction.SENT ? "--> sent " : "<-- received ";
        synchronized (out) {
            out.println(arrow + flow);
            out.println(MaskedTrace.format(message));
            out.flush();
        }
    }
}
