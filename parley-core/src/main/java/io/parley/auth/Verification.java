package io.parley.auth;

import io.parley.message.AuthValue;
import java.util.Objects;
import java.util.Optional;

/** The outcome of verifying credentials on the server side. */
public sealed interface Verification {

    /**
     * The credentials are right.
     *
     * @param username the authenticated user, resolved from the hash when {@code userhash=true}
     * @param algorithm the algorithm the client used
     * @param qop the qop the client used, or empty for the RFC 2069 form
     * @param authenticationInfo the Authentication-Info value to send, when configured
     */
    record Accepted(String username, DigestAlgorithm algorithm, Optional<Qop> qop,
            Optional<AuthValue> authenticationInfo) implements Verification {
        public Accepted {
            Objects.requireNonNull(username, "username");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(qop, "qop");
            Objects.requireNonNull(authenticationInfo, "authenticationInfo");
        }
    }

    /**
     * The credentials are rejected; the server answers with a new challenge.
     *
     * @param reason the machine-readable reason
     * @param detail the reason in words, naming the offending value but never a secret
     */
    record Rejected(RejectReason reason, String detail) implements Verification {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }

        /** Returns whether the new challenge carries {@code stale=true}. */
        public boolean stale() {
            return reason == RejectReason.STALE_NONCE;
        }
    }
}
