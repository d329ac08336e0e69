package io.parley.auth;

import io.parley.message.AuthValue;
import java.util.Optional;

/**
 * The parameters of a received Authorization or Proxy-Authorization value, with quoted-pairs
 * unescaped. Any parameter may be missing; checking that is the verifier's job.
 *
 * <p>{@link #toString()} hides the response.
 */
public record ReceivedCredentials(Optional<String> username, Optional<String> realm, Optional<String> nonce,
        Optional<String> uri, Optional<String> response, Optional<String> algorithm, Optional<String> qop,
        Optional<String> cnonce, Optional<String> nc, Optional<String> opaque, boolean userhash) {

    /** Reads the digest parameters of {@code value}; the scheme is not checked here. */
    public static ReceivedCredentials from(AuthValue value) {
        return new ReceivedCredentials(value.param("username"), value.param("realm"), value.param("nonce"),
                value.param("uri"), value.param("response"), value.param("algorithm"), value.param("qop"),
                value.param("cnonce"), value.param("nc"), value.param("opaque"),
                value.param("userhash").map(v -> v.trim().equalsIgnoreCase("true")).orElse(false));
    }

    /** Returns the name of the first missing parameter that every answer needs, if any. */
    public Optional<String> firstMissingRequired() {
        if (username.isEmpty()) {
            return Optional.of("username");
        }
        if (realm.isEmpty()) {
            return Optional.of("realm");
        }
        if (nonce.isEmpty()) {
            return Optional.of("nonce");
        }
        if (uri.isEmpty()) {
            return Optional.of("uri");
        }
        return response.isEmpty() ? Optional.of("response") : Optional.empty();
    }

    /**
     * Parses {@code nc}: 8 hex digits (RFC 7616 section 3.4), greater than zero. Returns -1 when
     * absent or invalid.
     */
    public long nonceCount() {
        if (nc.isEmpty() || nc.get().length() != 8) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < 8; i++) {
            int digit = Character.digit(nc.get().charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            value = value * 16 + digit;
        }
        return value == 0 ? -1 : value;
    }

    @Override
    public String toString() {
        return "ReceivedCredentials[username=" + username.orElse("") + ", realm=" + realm.orElse("")
                + ", uri=" + uri.orElse("") + ", algorithm=" + algorithm.orElse("") + ", qop=" + qop.orElse("")
                + ", nc=" + nc.orElse("") + ", response hidden]";
    }
}
