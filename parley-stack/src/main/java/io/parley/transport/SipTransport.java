package io.parley.transport;

import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import java.util.concurrent.CompletableFuture;

/**
 * Sends SIP messages; the transaction layer's view of the transports. Implementations fill in the
 * top Via of requests and route responses by their top Via.
 */
public interface SipTransport {

    /**
     * Largest request sent over UDP, in bytes: RFC 3261 section 18.1.1 sends larger ones over TCP
     * when the path MTU is unknown, because 1300 bytes stay 200 below an Ethernet MTU of 1500.
     */
    int UDP_REQUEST_LIMIT = 1300;

    /**
     * Sends a request. The top Via gets the transport and sent-by of the socket actually used and an
     * {@code rport} parameter (RFC 3581); its branch and other parameters are kept.
     *
     * @return the flow used, or a future failed with {@link TransportException}
     */
    CompletableFuture<Flow> sendRequest(SipRequest request, Destination destination);

    /**
     * Returns the transport {@link #sendRequest} uses for this request: the destination's, except TCP
     * for a UDP request larger than {@link #UDP_REQUEST_LIMIT} bytes (RFC 3261 section 18.1.1).
     */
    Transport transportFor(SipRequest request, Destination destination);

    /**
     * Sends a response to the request that arrived on {@code requestFlow}, routed by its top Via
     * (RFC 3261 section 18.2.2, RFC 3581 section 4).
     *
     * @return the flow used, or a future failed with {@link TransportException}
     */
    CompletableFuture<Flow> sendResponse(SipResponse response, Flow requestFlow);

    /**
     * Sends a response like {@link #sendResponse(SipResponse, Flow)} whose serialized form the caller
     * already holds, such as a server transaction resending it: {@code bytes} must be
     * {@code response.toBytes()}, and must not change afterwards. This default serializes again.
     */
    default CompletableFuture<Flow> sendResponse(SipResponse response, byte[] bytes, Flow requestFlow) {
        return sendResponse(response, requestFlow);
    }
}
