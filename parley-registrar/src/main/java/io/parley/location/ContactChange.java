package io.parley.location;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One Contact of a REGISTER after the registrar has chosen its expiry: an addition or refresh when
 * {@code expiresSeconds} is positive, a removal when it is 0 (RFC 3261 section 10.3 step 7).
 *
 * <p>The store matches a change to an existing binding by exact comparison of {@code contactUri}.
 * NOTE: it does not apply the URI equivalence of RFC 3261 section 19.1.4, so two spellings of one
 * URI make two bindings unless the registrar passes a normalised form.
 *
 * @param contactUri the Contact URI as written, without angle brackets
 * @param expiresSeconds the expiry the registrar granted, 0 to remove the binding
 * @param q the {@code q} parameter between 0 and 1 with at most three decimals, or {@code null}
 * @param instanceId the RFC 5626 {@code +sip.instance} value, or {@code null}
 * @param regId the RFC 5626 {@code reg-id} value, or {@code null}
 */
public record ContactChange(String contactUri, long expiresSeconds, BigDecimal q, String instanceId, Integer regId) {

    private static final BigDecimal MAX_Q = BigDecimal.ONE;

    public ContactChange {
        Objects.requireNonNull(contactUri, "contactUri");
        if (contactUri.isEmpty()) {
            throw new IllegalArgumentException("contact URI is empty");
        }
        if (expiresSeconds < 0) {
            throw new IllegalArgumentException(
                    "expires " + expiresSeconds + " for contact " + contactUri + " is negative; use 0 to remove");
        }
        if (q != null) {
            checkQ(q);
        }
    }

    /** Returns an addition or refresh of {@code contactUri} for {@code expiresSeconds} with an optional q. */
    public static ContactChange add(String contactUri, long expiresSeconds, BigDecimal q) {
        if (expiresSeconds == 0) {
            throw new IllegalArgumentException("expires 0 removes contact " + contactUri + "; use remove()");
        }
        return new ContactChange(contactUri, expiresSeconds, q, null, null);
    }

    /** Returns the removal of {@code contactUri}, as a Contact with expires 0 requests. */
    public static ContactChange remove(String contactUri) {
        return new ContactChange(contactUri, 0, null, null, null);
    }

    /** Returns true when this change removes the binding. */
    public boolean isRemoval() {
        return expiresSeconds == 0;
    }

    // RFC 3261 section 25.1: qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ).
    static void checkQ(BigDecimal q) {
        if (q.signum() < 0 || q.compareTo(MAX_Q) > 0 || q.stripTrailingZeros().scale() > 3) {
            throw new IllegalArgumentException(
                    "q " + q.toPlainString() + " is invalid; expected a value from 0 to 1 with at most 3 decimals");
        }
    }
}
