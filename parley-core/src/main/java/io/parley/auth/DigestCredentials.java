package io.parley.auth;

import java.util.Objects;

/**
 * A username and password for digest authentication.
 *
 * <p>The password never appears in {@link #toString()}, and nothing in this package puts it in an
 * exception message or a log line.
 */
public final class DigestCredentials {

    private final String username;
    private final String password;

    /** Creates credentials; the username is hashed as UTF-8, so non-ASCII names work. */
    public DigestCredentials(String username, String password) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("digest username is empty");
        }
    }

    public String username() {
        return username;
    }

    /** Returns the password, for computing HA1 only. */
    String password() {
        return password;
    }

    /** Computes {@code H(username:realm:password)} for the base form of {@code algorithm}. */
    public String baseHa1(DigestAlgorithm algorithm, String realm) {
        return DigestMath.baseHa1(algorithm.base(), username, realm, password);
    }

    @Override
    public String toString() {
        return "DigestCredentials[username=" + username + ", password=***]";
    }
}
