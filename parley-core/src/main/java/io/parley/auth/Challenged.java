package io.parley.auth;

import io.parley.message.AuthValue;
import java.util.List;
import java.util.Objects;

/**
 * A 401 or 407 response to a request, in the plain values an authenticator needs.
 *
 * @param statusCode the status code of the response
 * @param challenges the values of every WWW-Authenticate (401) or Proxy-Authenticate (407) header, in order
 * @param method the method of the request that was challenged
 * @param requestUri the Request-URI the retried request will carry, exactly as it will be sent
 * @param body the body bytes the retried request will carry
 */
public record Challenged(int statusCode, List<AuthValue> challenges, String method, String requestUri, byte[] body) {

    public Challenged {
        challenges = List.copyOf(challenges);
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(requestUri, "requestUri");
        Objects.requireNonNull(body, "body");
    }
}
