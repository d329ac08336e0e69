package io.parley.transport;

import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.parser.MessageParseResult;
import io.parley.parser.ParseError;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every listener does with a parse result: hand well-formed messages up, answer a malformed
 * request with an error response, and drop a malformed response with a warning.
 */
final class InboundProcessor {

    private static final Logger LOG = LoggerFactory.getLogger(InboundProcessor.class);

    private final InboundHandler handler;
    private final MessageTraceListener trace;

    InboundProcessor(InboundHandler handler, MessageTraceListener trace) {
        this.handler = handler;
        this.trace = trace;
    }

    /**
     * Processes one parse result. {@code raw} holds the bytes the result came from, for building an
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
        trace.onMessage(MessageTraceListener.Direction.RECEIVED, message, flow);
        SipMessage stamped = message instanceof SipRequest request
                ? ViaRules.stampInbound(request, flow.remote()) : message;
        handler.onMessage(stamped, flow);
    }

    private void reject(ParseError error, byte[] raw, Flow flow, BiConsumer<SipResponse, Flow> reply) {
        if (raw == null || !MalformedRequests.looksLikeRequest(raw)) {
            LOG.warn("dropped a malformed response from {}: {}", flow, error);
            return;
        }
        Optional<SipResponse> response = MalformedRequests.errorResponse(raw, error);
        if (response.isEmpty()) {
            LOG.warn("dropped a malformed request from {} without a usable Via, From, To, Call-ID or CSeq to "
                    + "answer it: {}", flow, error);
            return;
        }
        LOG.warn("answered a malformed request from {} (Call-ID {}) with {} {}", flow, response.get().callId(),
                error.status(), error.reasonPhrase());
        reply.accept(response.get(), flow);
    }
}
