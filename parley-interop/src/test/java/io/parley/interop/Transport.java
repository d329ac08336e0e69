package io.parley.interop;

import java.util.Locale;

/** SIP transports the peers are started with, with the names SIPp and SIP URIs use for them. */
enum Transport {
    UDP("u1"),
    TCP("t1"),
    TLS("l1");

    private final String sippMode;

    Transport(String sippMode) {
        this.sippMode = sippMode;
    }

    /**
     * Returns the value of SIPp's {@code -t} option for one socket per peer.
     * NOTE: Debian 12's SIPp 3.6.1 is built without OpenSSL and refuses {@code l1}, so TLS tests
     * use {@link SipTestClient} instead.
     */
    String sippMode() {
        return sippMode;
    }

    /** Returns the value of the {@code transport} URI parameter (RFC 3261 section 19.1.1). */
    String uriParameter() {
        return name().toLowerCase(Locale.ROOT);
    }
}
