package io.parley.message;

/** A URI in a Request-URI or an address: {@link SipUri}, {@link TelUri} or {@link AbsoluteUri}. */
public sealed interface Uri permits SipUri, TelUri, AbsoluteUri {

    /** Returns the scheme in lower case, such as {@code sip}. */
    String scheme();

    /** Returns the wire form, with %-escapes as written. */
    String format();
}
