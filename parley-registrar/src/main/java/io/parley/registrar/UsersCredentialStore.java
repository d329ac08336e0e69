package io.parley.registrar;

import io.parley.auth.CredentialStore;
import io.parley.auth.DigestAlgorithm;
import java.util.Objects;
import java.util.Optional;

/** The users file as the digest server's credential store: HA1 per user, realm and base algorithm. */
public final class UsersCredentialStore implements CredentialStore {

    private final UsersFile users;

    /** Creates a store over {@code users}; a later change to the file needs a new store. */
    public UsersCredentialStore(UsersFile users) {
        this.users = Objects.requireNonNull(users, "users");
    }

    @Override
    public Optional<String> ha1(String username, String realm, DigestAlgorithm algorithm) {
        Ha1Algorithm column = Ha1Algorithm.of(algorithm);
        return users.find(username, realm).flatMap(entry -> entry.ha1(column));
    }

    @Override
    public String toString() {
        return "UsersCredentialStore[" + users.entries().size() + " users]";
    }
}
