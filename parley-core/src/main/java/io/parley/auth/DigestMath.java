package io.parley.auth;

/**
 * The digest formulas of RFC 7616 section 3.4, which keep RFC 2617 and RFC 2069 as special cases.
 *
 * <p>All text is hashed as UTF-8 and every hash is lower-case hex.
 */
public final class DigestMath {

    private DigestMath() {
    }

    /** Computes {@code H(username:realm:password)}, the HA1 of the base algorithm (RFC 7616 section 3.4.2). */
    public static String baseHa1(DigestAlgorithm algorithm, String username, String realm, String password) {
        return algorithm.hashHex(username + ":" + realm + ":" + password);
    }

    /** Computes the {@code username} parameter for {@code userhash=true}: {@code H(username:realm)} (RFC 7616 section 3.4.4). */
    public static String userhash(DigestAlgorithm algorithm, String username, String realm) {
        return algorithm.hashHex(username + ":" + realm);
    }

    /**
     * Computes the response for {@code input} from the base HA1, applying the {@code -sess} step
     * {@code H(HA1:nonce:cnonce)} when the algorithm is a {@code -sess} one.
     */
    public static DigestCalculation calculate(DigestInput input, String baseHa1) {
        DigestAlgorithm algorithm = input.algorithm();
        String ha1 = algorithm.isSession()
                ? algorithm.hashHex(baseHa1 + ":" + input.nonce() + ":" + input.cnonce())
                : baseHa1;

        String a2 = input.method() + ":" + input.uri();
        if (input.qop().filter(qop -> qop == Qop.AUTH_INT).isPresent()) {
            // RFC 7616 section 3.4.3: auth-int hashes the exact body, and an empty body hashes "".
            a2 = a2 + ":" + algorithm.hashHex(input.body());
        }
        String ha2 = algorithm.hashHex(a2);

        String hashed = input.qop()
                .map(qop -> ha1 + ":" + input.nonce() + ":" + input.nc() + ":" + input.cnonce() + ":"
                        + qop.token() + ":" + ha2)
                // RFC 2069 form, kept by RFC 2617 section 3.2.2.1 for answers without qop.
                .orElse(ha1 + ":" + input.nonce() + ":" + ha2);
        return new DigestCalculation(ha1, a2, ha2, hashed, algorithm.hashHex(hashed));
    }
}
