package io.parley.registrar;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One user of the registrar: a user name, a realm, and HA1 for one or more digest algorithms.
 * It contains no password, because HA1 is all a digest verifier needs.
 *
 * <p>HA1 is password-equivalent for its realm, so {@link #toString} masks it.
 *
 * @param user the digest user name
 * @param realm the digest realm
 * @param ha1ByAlgorithm HA1 in lower-case hex per algorithm, at least one
 */
public record UserEntry(String user, String realm, Map<Ha1Algorithm, String> ha1ByAlgorithm) {

    public UserEntry {
        checkField("user name", user);
        checkField("realm", realm);
        if (user.startsWith("#")) {
            throw new IllegalArgumentException("user name \"" + user + "\" starts with '#', which marks a comment line");
        }
        if (ha1ByAlgorithm.isEmpty()) {
            throw new IllegalArgumentException("user " + user + " in realm " + realm + " has no HA1; give at least one");
        }
        EnumMap<Ha1Algorithm, String> copy = new EnumMap<>(Ha1Algorithm.class);
        copy.putAll(ha1ByAlgorithm);
        copy.forEach((algorithm, ha1) -> checkHa1(user, algorithm, ha1));
        ha1ByAlgorithm = Collections.unmodifiableMap(copy);
    }

    /**
     * Returns the entry for {@code password}, with HA1 for every {@link Ha1Algorithm}. The caller
     * still owns {@code password} and should zero it when done.
     */
    public static UserEntry fromPassword(String user, String realm, char[] password) {
        EnumMap<Ha1Algorithm, String> ha1ByAlgorithm = new EnumMap<>(Ha1Algorithm.class);
        for (Ha1Algorithm algorithm : Ha1Algorithm.values()) {
            ha1ByAlgorithm.put(algorithm, algorithm.ha1(user, realm, password));
        }
        return new UserEntry(user, realm, ha1ByAlgorithm);
    }

    /** Returns HA1 for {@code algorithm}, or empty when the entry has none for it. */
    public Optional<String> ha1(Ha1Algorithm algorithm) {
        return Optional.ofNullable(ha1ByAlgorithm.get(algorithm));
    }

    @Override
    public String toString() {
        return "UserEntry[user=" + user + ", realm=" + realm + ", ha1=<masked " + ha1ByAlgorithm.keySet() + ">]";
    }

    // The users file separates fields with tabs and entries with line breaks, so neither may appear in a value.
    private static void checkField(String name, String value) {
        Objects.requireNonNull(value, name);
        if (value.isEmpty()) {
            throw new IllegalArgumentException(name + " is empty");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                throw new IllegalArgumentException(name + " \"" + value.replaceAll("\\p{Cntrl}", "?")
                        + "\" contains a control character at index " + i + "; remove it");
            }
        }
    }

    // The value is not quoted in the message: even a malformed HA1 may be most of a real one.
    private static void checkHa1(String user, Ha1Algorithm algorithm, String ha1) {
        Objects.requireNonNull(ha1, "ha1");
        boolean valid = ha1.length() == algorithm.hexLength();
        for (int i = 0; valid && i < ha1.length(); i++) {
            char c = ha1.charAt(i);
            valid = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
        }
        if (!valid) {
            throw new IllegalArgumentException(algorithm.digestName() + " HA1 of user " + user + " is invalid: expected "
                    + algorithm.hexLength() + " lower-case hex digits");
        }
    }
}
