package io.parley.auth;

import io.parley.message.AuthValue;
import java.util.List;
import java.util.Objects;

/** The decision of an {@link Authenticator}: credentials to send, or the reason to give up. */
public sealed interface AuthDecision {

    /**
     * Credentials to add to the request. Each value is its own header line, never joined by commas.
     *
     * @param header Authorization or Proxy-Authorization
     * @param values one value per realm
     */
    record Send(CredentialsHeader header, List<AuthValue> values) implements AuthDecision {
        public Send {
            Objects.requireNonNull(header, "header");
            values = List.copyOf(values);
        }
    }

    /**
     * A final failure: the request must not be sent again with credentials.
     *
     * @param reason the kind of failure, for code that reacts to it
     * @param message the failure in words, naming user, realm or offered challenges, never a secret
     */
    record GiveUp(Reason reason, String message) implements AuthDecision {
        public GiveUp {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(message, "message");
        }
    }

    /** Kinds of client-side failure. */
    enum Reason {
        /** The status code is not 401 or 407. */
        NOT_A_CHALLENGE,
        /** A 401 without WWW-Authenticate, or a 407 without Proxy-Authenticate. */
        NO_CHALLENGE,
        /** No challenge used a supported scheme, algorithm and qop allowed by the policy. */
        NO_USABLE_CHALLENGE,
        /** No credentials are configured for any challenged realm. */
        NO_CREDENTIALS,
        /** The server rejected the credentials: wrong username or password. */
        CREDENTIALS_REJECTED,
        /** The server kept sending {@code stale=true} beyond the retry limit. */
        STALE_LIMIT,
        /** Authentication-Info carried an {@code rspauth} that does not match: the server did not prove that it has the password. */
        RSPAUTH_MISMATCH
    }
}
