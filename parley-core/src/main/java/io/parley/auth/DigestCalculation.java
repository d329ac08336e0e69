package io.parley.auth;

import java.util.Objects;

/**
 * The intermediate values and result of one digest computation, for verification and for
 * {@code parley digest --explain}.
 *
 * <p>{@link #toString()} hides every value derived from the password.
 *
 * @param ha1 the HA1 used in the response, after the {@code -sess} step when there is one
 * @param a2 the A2 string
 * @param ha2 H(A2) in hex
 * @param hashedString the string whose hash is the response, such as {@code HA1:nonce:nc:cnonce:qop:HA2}
 * @param response the response in lower-case hex
 */
public record DigestCalculation(String ha1, String a2, String ha2, String hashedString, String response) {

    public DigestCalculation {
        Objects.requireNonNull(ha1, "ha1");
        Objects.requireNonNull(a2, "a2");
        Objects.requireNonNull(ha2, "ha2");
        Objects.requireNonNull(hashedString, "hashedString");
        Objects.requireNonNull(response, "response");
    }

    @Override
    public String toString() {
        return "DigestCalculation[a2=" + a2 + ", ha2=" + ha2 + ", ha1, hashedString and response hidden]";
    }
}
