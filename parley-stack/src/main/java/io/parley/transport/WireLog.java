package io.parley.transport;

import io.parley.message.Header;
import io.parley.message.SipMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs whole messages at TRACE on the logger {@code io.parley.wire}. Authorization and challenge
 * header values are masked by {@link Header#toString()}, and bodies are logged by length only.
 */
final class WireLog {

    private static final Logger WIRE = LoggerFactory.getLogger("io.parley.wire");

    private WireLog() {
    }

    static void log(MessageTraceListener.Direction direction, SipMessage message, Flow flow) {
        if (!WIRE.isTraceEnabled()) {
            return;
        }
        StringBuilder text = new StringBuilder(512);
        text.append(direction).append(' ').append(flow).append('\n').append(message).append('\n');
        for (Header header : message.headers()) {
            text.append(header).append('\n');
        }
        text.append("(body: ").append(message.bodyLength()).append(" bytes)");
        WIRE.trace("{}", text);
    }
}
