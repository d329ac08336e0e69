package io.parley.location;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One contact bound to an address-of-record, as the location store keeps it (RFC 3261 section 10.3).
 *
 * <p>Instants are kept to the millisecond, so every store returns the same values it was given.
 *
 * @param aor the address-of-record in canonical form, for example {@code sip:alice@example.com}
 * @param contactUri the Contact URI as the user agent wrote it, without angle brackets
 * @param q the {@code q} parameter between 0 and 1, or {@code null} when the Contact had none
 * @param expiresAt the instant the binding expires
 * @param callId the Call-ID of the REGISTER that last created or refreshed the binding
 * @param cseq the CSeq number of that REGISTER
 * @param sourceAddress the address and port the REGISTER came from, for example {@code 127.0.0.1:5062}
 * @param transport the transport the REGISTER came over, for example {@code UDP}
 * @param userAgent the User-Agent header value, or {@code null} when the request had none
 * @param updatedAt the instant of the last update
 * @param instanceId the RFC 5626 {@code +sip.instance} value, or {@code null}
 * @param regId the RFC 5626 {@code reg-id} value, or {@code null}
 */
public record Binding(
        String aor,
        String contactUri,
        BigDecimal q,
        Instant expiresAt,
        String callId,
        long cseq,
        String sourceAddress,
        String transport,
        String userAgent,
        Instant updatedAt,
        String instanceId,
        Integer regId) {

    public Binding {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(contactUri, "contactUri");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(sourceAddress, "sourceAddress");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
        expiresAt = expiresAt.truncatedTo(ChronoUnit.MILLIS);
        updatedAt = updatedAt.truncatedTo(ChronoUnit.MILLIS);
        if (q != null) {
            ContactChange.checkQ(q);
        }
    }

    /** Returns true when the binding has expired at {@code now}. */
    public boolean isExpired(Instant now) {
        return !expiresAt.isAfter(now);
    }

    /**
     * Returns the whole seconds left before the binding expires, rounded up so that a binding still
     * valid never shows 0, and 0 once it has expired.
     */
    public long remainingSeconds(Instant now) {
        if (isExpired(now)) {
            return 0;
        }
        Duration left = Duration.between(now, expiresAt);
        long seconds = left.getSeconds();
        return left.getNano() > 0 ? seconds + 1 : seconds;
    }
}
