package io.parley.auth;

/** The reason a digest server rejected credentials, for logs and tests to read. */
public enum RejectReason {
    /** The scheme is not Digest. */
    UNSUPPORTED_SCHEME,
    /** A required parameter (username, realm, nonce, uri or response) is missing. */
    MISSING_PARAMETER,
    /** qop is present but cnonce is missing, or a -sess algorithm has no cnonce. */
    MISSING_CNONCE,
    /** qop is present but nc is missing. */
    MISSING_NC,
    /** nc is not 8 hex digits, or is zero. */
    INVALID_NC,
    /** The nc was already used with this nonce. */
    NC_REPLAY,
    /** The nonce is genuine but expired, or no longer tracked; the client gets a challenge with stale=true. */
    STALE_NONCE,
    /** The nonce was not issued by this server, or is damaged. */
    UNKNOWN_NONCE,
    /** The uri parameter differs from the Request-URI. */
    URI_MISMATCH,
    /** The realm parameter differs from the server's realm. */
    REALM_MISMATCH,
    /** The user is not in the credential store. */
    UNKNOWN_USER,
    /** The response does not match the one computed from the stored HA1: wrong password, method, uri or body. */
    WRONG_RESPONSE,
    /** The algorithm is unknown or was not offered. */
    ALGORITHM_NOT_OFFERED,
    /** The qop is unknown or was not offered. */
    QOP_NOT_OFFERED,
    /** The answer has no qop although qop was offered, and the server is strict. */
    QOP_REQUIRED,
    /** The opaque parameter is missing or differs from the one sent. */
    OPAQUE_MISMATCH
}
