package io.parley.transport;

import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.parser.MessageParseResult;
import io.parley.parser.ParseError;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The handling every listener applies to a parse result: hand well-formed messages up, reply to a malformed
 * request with an error response, and drop a malformed response with a warning.
 */
final class InboundProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(InboundProcessor.class);

    private final InboundHandler handler;
    private final MessageTraceListener trace;
    private final WarningLimiter warnings = new WarningLimiter(1, TimeUnit.SECONDS);

    InboundProcessor(InboundHandler handler, MessageTraceListener trace) {
        this.handler = handler;
        this.trace = trace;
    }

    /**
     * Processes one parse result. {@code raw} contains the bytes the result came from, for building an
     * error response; {@code reply} sends a response back on the flow the bytes arrived on.
     */
    void process(MessageParseResult result, byte[] raw, Flow flow, BiConsumer<SipResponse, Flow> reply) {
        switch (result) {
            case MessageParseResult.Parsed parsed -> deliver(parsed.message(), flow);
            case MessageParseResult.Rejected rejected -> reject(rejected.error(), raw, flow, reply);
            case MessageParseResult.NeedMoreData needMore -> LOG.debug("incomplete message from {}", flow.remote());
        }
    }

    private void deliver(SipMessage message, Flow flow) {
        WireLog.log(MessageTraceListener.Direction.RECEIVED, message, flow);
        trace.onMessage(MessageTraceListener.Direction.RECEIVED, message, flow);
        SipMessage stamped = message instanceof SipRequest request
                ? ViaRules.stampInbound(request, flow.remote()) : message;
        handler.onMessage(stamped, flow);
    }

    private void reject(ParseError error, byte[] raw, Flow flow, BiConsumer<SipResponse, Flow> reply) {
        if (raw == null || !MalformedRequests.looksLikeRequest(raw)) {
            warn("dropped a malformed response from {}: {}", flow, error);
            return;
        }
        Optional<SipResponse> response = MalformedRequests.errorResponse(raw, error);
        if (response.isEmpty()) {
            warn("dropped a malformed request from {} without a usable Via, From, To, Call-ID or CSeq to answer it: {}",
                    flow, error);
            return;
        }
        warn("answered a malformed request from {} with {}", flow, error.status() + " " + error.reasonPhrase()
                + " (Call-ID " + response.get().callId() + ")");
        reply.accept(response.get(), flow);
    }

    /** Logs a warning about bad input, at most one a second, with the count of those left out. */
    private void warn(String format, Flow flow, Object detail) {
        long suppressed = warnings.tryAcquire();
        if (suppressed < 0) {
            LOG.debug(format, flow, detail);
            return;
        }
        if (suppressed > 0) {
            LOG.warn(format + " ({} similar warnings suppressed since the last one)", flow, detail, suppressed);
        } else {
            LOG.warn(format, flow, detail);
        }
    }
}
