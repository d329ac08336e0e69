package io.parley.auth;

import java.util.Optional;

/**
 * The accounts a digest server checks answers against. It supplies HA1, {@code H(username:realm:password)},
 * per base algorithm, so it never needs the plaintext password.
 */
public interface CredentialStore {

    /**
     * Returns the HA1 of a user in lower-case hex.
     *
     * @param algorithm MD5, SHA-256 or SHA-512-256; {@code -sess} forms are derived from these
     * @return the HA1, or empty when the user is unknown in that realm
     */
    Optional<String> ha1(String username, String realm, DigestAlgorithm algorithm);

    /**
     * Finds the user whose {@code H(username:realm)} is {@code userhash} (RFC 7616 section 3.4.4).
     * Stores that do not support {@code userhash=true} keep this default, which always returns empty.
     */
    default Optional<String> usernameForHash(String userhash, String realm, DigestAlgorithm algorithm) {
        return Optional.empty();
    }
}
