package io.parley.auth;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A credential store in memory that keeps only HA1 and username hashes, computed when a user is
 * added. Meant for tests and the test registrar. Safe to share between threads.
 */
public final class InMemoryCredentialStore implements CredentialStore {

    private final Map<String, String> ha1ByKey = new HashMap<>();
    private final Map<String, String> usernameByHash = new HashMap<>();

    /** Adds a user to a realm, keeping HA1 and the username hash for every base algorithm. */
    public synchronized InMemoryCredentialStore add(String username, String realm, String password) {
        for (DigestAlgorithm algorithm : baseAlgorithms()) {
            ha1ByKey.put(key(username, realm, algorithm), DigestMath.baseHa1(algorithm, username, realm, password));
            usernameByHash.put(key(DigestMath.userhash(algorithm, username, realm), realm, algorithm), username);
        }
        return this;
    }

    @Override
    public synchronized Optional<String> ha1(String username, String realm, DigestAlgorithm algorithm) {
        return Optional.ofNullable(ha1ByKey.get(key(username, realm, algorithm.base())));
    }

    @Override
    public synchronized Optional<String> usernameForHash(String userhash, String realm, DigestAlgorithm algorithm) {
        return Optional.ofNullable(usernameByHash.get(key(userhash, realm, algorithm.base())));
    }

    private static DigestAlgorithm[] baseAlgorithms() {
        return new DigestAlgorithm[] {DigestAlgorithm.MD5, DigestAlgorithm.SHA_256, DigestAlgorithm.SHA_512_256};
    }

    private static String key(String user, String realm, DigestAlgorithm algorithm) {
        // NUL separates the parts because it cannot occur in a SIP username or realm.
        return algorithm.name() + '\0' + realm + '\0' + user;
    }

    @Override
    public String toString() {
        return "InMemoryCredentialStore[" + ha1ByKey.size() / 3 + " accounts]";
    }
}
