package io.parley.parser;

/** The reading rule for a header value, chosen once per header line from the header name. */
enum HeaderKind {

    /** Kept as text: a known header without a typed form, or an extension header. */
    TEXT,
    /** A comma-separated list of via-parm values. */
    VIA,
    /** A comma-separated list of Contact values or {@code *}. */
    CONTACT,
    /** A comma-separated list of addresses: Route and Record-Route. */
    ROUTE,
    /** One address: From and To. */
    ADDRESS,
    CALL_ID,
    CSEQ,
    CONTENT_LENGTH,
    MAX_FORWARDS,
    /** delta-seconds: Expires and Min-Expires. */
    DELTA_SECONDS,
    CONTENT_TYPE,
    /** Methods or option tags: Allow, Supported, Require, Proxy-Require and Unsupported. */
    TOKEN_LIST,
    WARNING,
    RETRY_AFTER,
    /** A challenge or credentials: WWW-Authenticate, Proxy-Authenticate, Authorization and Proxy-Authorization. */
    AUTH,
    /** Authentication-Info: auth-params without a scheme. */
    AUTH_INFO;

    /** Returns whether {@link HeaderChecks#CORE} leaves headers of this kind to be checked when read. */
    boolean isCheckedWhenRead() {
        return switch (this) {
            case MAX_FORWARDS, DELTA_SECONDS, CONTENT_TYPE, TOKEN_LIST, WARNING, RETRY_AFTER, AUTH, AUTH_INFO -> true;
            case TEXT, VIA, CONTACT, ROUTE, ADDRESS, CALL_ID, CSEQ, CONTENT_LENGTH -> false;
        };
    }
}
