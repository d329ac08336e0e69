package io.parley.auth;

/**
 * Computes credentials for a user agent: given a 401 or 407, returns the credentials to retry with,
 * or the reason to give up. The caller retries only on {@link AuthDecision.Send}.
 */
@FunctionalInterface
public interface Authenticator {

    /** Returns the credentials for the retry of {@code challenged}, or the reason to give up. */
    AuthDecision authenticate(Challenged challenged);
}
