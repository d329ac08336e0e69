package io.parley.auth;

/** The header that carries credentials, chosen by the status code of the challenge (RFC 3261 section 22). */
public enum CredentialsHeader {
    /** Carries credentials after a 401 and its WWW-Authenticate challenges. */
    AUTHORIZATION("Authorization", "WWW-Authenticate", 401),
    /** Carries credentials after a 407 and its Proxy-Authenticate challenges, for REGISTER as for any other method. */
    PROXY_AUTHORIZATION("Proxy-Authorization", "Proxy-Authenticate", 407);

    private final String headerName;
    private final String challengeHeaderName;
    private final int statusCode;

    CredentialsHeader(String headerName, String challengeHeaderName, int statusCode) {
        this.headerName = headerName;
        this.challengeHeaderName = challengeHeaderName;
        this.statusCode = statusCode;
    }

    /** Returns the name of the header that carries the credentials. */
    public String headerName() {
        return headerName;
    }

    /** Returns the name of the header that carries the challenges this header responds to. */
    public String challengeHeaderName() {
        return challengeHeaderName;
    }

    /** Returns the status code of the challenge: 401 or 407. */
    public int statusCode() {
        return statusCode;
    }

    /** Returns the header answering {@code statusCode}, or throws when it is neither 401 nor 407. */
    public static CredentialsHeader forStatus(int statusCode) {
        return switch (statusCode) {
            case 401 -> AUTHORIZATION;
            case 407 -> PROXY_AUTHORIZATION;
            default -> throw new IllegalArgumentException(
                    "status " + statusCode + " is not a digest challenge; expected 401 or 407");
        };
    }
}
