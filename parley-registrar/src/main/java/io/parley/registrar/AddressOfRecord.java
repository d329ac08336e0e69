package io.parley.registrar;

import io.parley.message.SipUri;
import io.parley.message.Uri;
import java.util.Locale;

/**
 * The address-of-record of a REGISTER, from its To URI in the canonical form of RFC 3261 section
 * 10.3 step 5: URI parameters removed, escaped characters decoded, host in lower case.
 *
 * @param uri the To URI
 * @param canonical the canonical form, such as {@code sip:alice@example.com}, the location store's key
 */
record AddressOfRecord(SipUri uri, String canonical) {

    /**
     * Returns the AOR of {@code toUri}.
     *
     * @throws IllegalArgumentException when {@code toUri} is not a SIP or SIPS URI; check {@link #isSipUri} first
     */
    static AddressOfRecord of(Uri toUri) {
        if (!(toUri instanceof SipUri sip)) {
            throw new IllegalArgumentException("To URI " + toUri.format() + " is not a SIP or SIPS URI");
        }
        StringBuilder canonical = new StringBuilder(sip.scheme()).append(':');
        if (!sip.user().isEmpty()) {
            canonical.append(sip.decodedUser()).append('@');
        }
        canonical.append(sip.host().toLowerCase(Locale.ROOT));
        if (sip.port() >= 0) {
            canonical.append(':').append(sip.port());
        }
        return new AddressOfRecord(sip, canonical.toString());
    }

    /** Returns whether {@code uri} can be an AOR: RFC 3261 section 10.3 step 5 requires SIP or SIPS. */
    static boolean isSipUri(Uri uri) {
        return uri instanceof SipUri;
    }

    /** Returns the user part with escapes decoded, empty for an AOR without one. */
    String user() {
        return uri.decodedUser();
    }

    /** Returns the host, the AOR's domain. */
    String domain() {
        return uri.host();
    }
}
