package io.parley.location;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The binding changes of one REGISTER, applied by {@link LocationStore#register} in one transaction.
 *
 * @param aor the address-of-record from the To header, in canonical form
 * @param callId the Call-ID of the REGISTER
 * @param cseq the CSeq number of the REGISTER
 * @param update the contacts to add, refresh or remove, or the removal of every binding
 * @param sourceAddress the address and port the REGISTER came from
 * @param transport the transport the REGISTER came over
 * @param userAgent the User-Agent header value, or {@code null}
 * @param now the current time, which sets each expiry and the time of last update
 * @param maxBindings the maximum number of bindings the AOR may have after this request
 */
public record RegisterRequest(
        String aor,
        String callId,
        long cseq,
        Update update,
        String sourceAddress,
        String transport,
        String userAgent,
        Instant now,
        int maxBindings) {

    public RegisterRequest {
        Objects.requireNonNull(aor, "aor");
        Objects.requireNonNull(callId, "callId");
        Objects.requireNonNull(update, "update");
        Objects.requireNonNull(sourceAddress, "sourceAddress");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(now, "now");
        // RFC 3261 section 8.1.1.5: the CSeq number is a 32-bit unsigned integer.
        if (cseq < 0 || cseq > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("CSeq " + cseq + " is outside 0 to 2^32-1");
        }
        if (maxBindings < 1) {
            throw new IllegalArgumentException("maximum bindings " + maxBindings + " must be at least 1");
        }
    }

    /** The change that a REGISTER requests to the bindings of its AOR. */
    public sealed interface Update {}

    /**
     * Contacts to add, refresh or remove. An empty list only fetches the current bindings
     * (RFC 3261 section 10.2.3).
     */
    public record Contacts(List<ContactChange> changes) implements Update {
        public Contacts {
            changes = List.copyOf(changes);
        }
    }

    /** {@code Contact: *} with {@code Expires: 0}: remove every binding of the AOR (RFC 3261 section 10.2.2). */
    public record RemoveAll() implements Update {}
}
