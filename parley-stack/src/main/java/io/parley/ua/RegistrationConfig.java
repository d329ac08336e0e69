package io.parley.ua;

import io.parley.message.SipUri;
import java.util.Objects;

/**
 * The address-of-record to register and the registrar to register it with.
 *
 * @param addressOfRecord the address-of-record, the To and From of every REGISTER
 * @param registrar the Request-URI of every REGISTER (RFC 3261 section 10.2): the registrar's
 *     domain or address, without user part
 * @param expiresSeconds the expiry to request, 1 to 2^32-1; a 423 may raise it
 * @param unregisterAll whether stopping removes every binding of the address-of-record with
 *     {@code Contact: *} instead of only ours
 * @param backoff the waits between attempts after transient failures
 * @param userAgent the User-Agent header value, or an empty string for none
 */
public record RegistrationConfig(SipUri addressOfRecord, SipUri registrar, long expiresSeconds,
        boolean unregisterAll, Backoff backoff, String userAgent) {

    /** The User-Agent Parley sends unless configured otherwise. */
    public static final String DEFAULT_USER_AGENT = "Parley/0.1";

    public RegistrationConfig {
        Objects.requireNonNull(addressOfRecord, "addressOfRecord");
        Objects.requireNonNull(registrar, "registrar");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(userAgent, "userAgent");
        if (expiresSeconds < 1 || expiresSeconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("expires " + expiresSeconds + " s is out of range; use 1 to 2^32-1");
        }
        if (addressOfRecord.user().isEmpty()) {
            throw new IllegalArgumentException("address-of-record " + addressOfRecord.format()
                    + " has no user part; expected sip:user@domain");
        }
    }

    /** Creates a configuration that removes only our binding on stop, with default backoff and User-Agent. */
    public static RegistrationConfig of(SipUri addressOfRecord, SipUri registrar, long expiresSeconds) {
        return new RegistrationConfig(addressOfRecord, registrar, expiresSeconds, false, Backoff.DEFAULT,
                DEFAULT_USER_AGENT);
    }

    /** Returns a copy that removes all bindings on stop when {@code all} is true. */
    public RegistrationConfig withUnregisterAll(boolean all) {
        return new RegistrationConfig(addressOfRecord, registrar, expiresSeconds, all, backoff, userAgent);
    }

    /** Returns a copy with another backoff. */
    public RegistrationConfig withBackoff(Backoff newBackoff) {
        return new RegistrationConfig(addressOfRecord, registrar, expiresSeconds, unregisterAll, newBackoff, userAgent);
    }
}
