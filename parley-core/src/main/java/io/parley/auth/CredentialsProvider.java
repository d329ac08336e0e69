package io.parley.auth;

import java.util.Objects;
import java.util.Optional;

/** Supplies the credentials for a realm, or empty when the user has none there. */
@FunctionalInterface
public interface CredentialsProvider {

    /** Returns the credentials for {@code realm}, compared as the server wrote it. */
    Optional<DigestCredentials> forRealm(String realm);

    /** Returns a provider that returns the same credentials for every realm, the usual softphone account. */
    static CredentialsProvider forAnyRealm(DigestCredentials credentials) {
        Objects.requireNonNull(credentials, "credentials");
        return realm -> Optional.of(credentials);
    }
}
