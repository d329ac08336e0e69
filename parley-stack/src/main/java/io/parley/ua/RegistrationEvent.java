package io.parley.ua;

import io.parley.message.Contact;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/** An event in the life of a registration; listeners receive them in order. */
public sealed interface RegistrationEvent {

    /** The reason a REGISTER was sent. */
    enum Purpose {
        /** The first REGISTER, or a new one after the binding lapsed. */
        REGISTER,
        /** A refresh of a binding that is still valid. */
        REFRESH,
        /** The removal of our binding, or of all bindings with {@code Contact: *}. */
        UNREGISTER
    }

    /**
     * A REGISTER went out in a new client transaction.
     *
     * @param request the request as sent; its credentials are masked only in {@code toString}
     * @param purpose why it was sent
     * @param retry empty for a first try, otherwise the status code (401, 407 or 423) that this
     *     request retries after
     */
    record RequestSent(SipRequest request, Purpose purpose, Optional<Integer> retry) implements RegistrationEvent {
        public RequestSent {
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(purpose, "purpose");
            Objects.requireNonNull(retry, "retry");
        }
    }

    /** The final response of a REGISTER transaction arrived. */
    record ResponseReceived(SipResponse response) implements RegistrationEvent {
        public ResponseReceived {
            Objects.requireNonNull(response, "response");
        }
    }

    /**
     * The registrar challenged the request, and the digest client computed credentials for the retry.
     *
     * @param statusCode 401 or 407
     * @param challenge the challenge and the choices made for it
     */
    record Challenged(int statusCode, ChallengeSummary challenge) implements RegistrationEvent {
        public Challenged {
            Objects.requireNonNull(challenge, "challenge");
        }
    }

    /**
     * A binding was established where none was valid.
     *
     * @param expiresSeconds the expiry the registrar granted to our Contact
     * @param contact our Contact as registered
     * @param refreshIn the delay until the refresh
     * @param challenge the challenge met on the way, empty when none was needed
     */
    record Registered(long expiresSeconds, Contact contact, Duration refreshIn, Optional<ChallengeSummary> challenge)
            implements RegistrationEvent {
        public Registered {
            Objects.requireNonNull(contact, "contact");
            Objects.requireNonNull(refreshIn, "refreshIn");
            Objects.requireNonNull(challenge, "challenge");
        }
    }

    /**
     * A valid binding was refreshed.
     *
     * @param expiresSeconds the expiry the registrar granted to our Contact
     * @param refreshIn the delay until the next refresh
     */
    record Refreshed(long expiresSeconds, Duration refreshIn) implements RegistrationEvent {
        public Refreshed {
            Objects.requireNonNull(refreshIn, "refreshIn");
        }
    }

    /**
     * A REGISTER failed.
     *
     * @param failure the diagnosis
     * @param retryIn the delay until the next attempt; empty when the client gave up
     */
    record Failed(RegistrationFailure failure, Optional<Duration> retryIn) implements RegistrationEvent {
        public Failed {
            Objects.requireNonNull(failure, "failure");
            Objects.requireNonNull(retryIn, "retryIn");
        }
    }

    /**
     * The registrar removed our binding, or all bindings of the address-of-record.
     *
     * @param allBindings whether the request was {@code Contact: *}
     */
    record Unregistered(boolean allBindings) implements RegistrationEvent {}

    /**
     * The digest challenge a registrar sent, with the choices the client made for its credentials.
     *
     * @param realm the realm
     * @param algorithm the algorithm name used, such as {@code MD5} or {@code SHA-256}
     * @param qop the qop used, empty for credentials in the RFC 2069 form
     */
    record ChallengeSummary(String realm, String algorithm, Optional<String> qop) {
        public ChallengeSummary {
            Objects.requireNonNull(realm, "realm");
            Objects.requireNonNull(algorithm, "algorithm");
            Objects.requireNonNull(qop, "qop");
        }
    }
}
