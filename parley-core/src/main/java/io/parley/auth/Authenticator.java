package io.parley.auth;

/**
 * Answers challenges for a user agent: given a 401 or 407, returns the credentials to retry with,
 * or why to give up. The caller retries only on {@link AuthDecision.Send}.
 */
@FunctionalInterface
public interface Authenticator {

    /** Decides how to answer {@code challenged}. */
    AuthDecision authenticate(Challenged challenged);
}
