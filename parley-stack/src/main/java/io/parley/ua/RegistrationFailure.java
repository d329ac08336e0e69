package io.parley.ua;

import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * The cause of a failed REGISTER.
 *
 * @param kind the kind of failure
 * @param diagnosis the failure in words: the status line, any Warning and Reason, and what to check;
 *     never a password or digest response
 * @param statusCode the status code of the response, empty for timeouts and network errors
 * @param details the values of the Warning and Reason headers of the response, in order
 */
public record RegistrationFailure(Kind kind, String diagnosis, OptionalInt statusCode, List<String> details) {

    public RegistrationFailure {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(diagnosis, "diagnosis");
        Objects.requireNonNull(statusCode, "statusCode");
        details = List.copyOf(details);
    }

    /** Returns whether the client retries after this failure while it runs. */
    public boolean isTransient() {
        return kind.isTransient();
    }

    /** Kinds of registration failure. */
    public enum Kind {
        /** The registrar responded with a final failure, such as 403 or 404. */
        REFUSED(false),
        /** Digest authentication failed: wrong username or password, or no usable challenge. */
        AUTHENTICATION_FAILED(false),
        /** A 423 without Min-Expires, a second 423, or another expiry the client cannot follow. */
        INTERVAL_TOO_BRIEF(false),
        /** The transaction timed out, or the registrar responded with 408. */
        TIMEOUT(true),
        /** The transport failed, for example a refused TCP connection or an unreachable host. */
        NETWORK(true),
        /** The registrar responded with 503 Service Unavailable. */
        SERVICE_UNAVAILABLE(true);

        private final boolean transientFailure;

        Kind(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** Returns whether this kind is retried with backoff while the client runs. */
        public boolean isTransient() {
            return transientFailure;
        }
    }
}
