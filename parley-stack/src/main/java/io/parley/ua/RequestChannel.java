package io.parley.ua;

import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The transaction-layer operations the registration client uses: each request goes out in a new
 * client transaction, whose final response completes a future.
 */
public interface RequestChannel {

    /** Returns the local transport address that requests to the registrar leave from. */
    LocalEndpoint localEndpoint();

    /**
     * Sends {@code request} in a new client transaction. The request already carries its Via with a
     * fresh branch. The future completes with the final response, or exceptionally with a
     * {@link java.util.concurrent.TimeoutException} when the transaction times out (RFC 3261
     * section 17.1.2.2, Timer F) and with another exception when the transport fails.
     */
    CompletableFuture<SipResponse> send(SipRequest request);
}
