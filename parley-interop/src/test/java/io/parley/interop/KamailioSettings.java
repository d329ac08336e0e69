package io.parley.interop;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Settings of the test registrar that {@link KamailioRegistrar} starts from
 * {@code src/test/resources/kamailio/registrar.cfg}.
 *
 * @param realm     the digest realm, also the registrar's domain
 * @param passwords plaintext password per user name
 * @param algorithm digest algorithm of the challenge: {@code MD5} or {@code SHA-256}
 * @param tls       certificate and key for a TLS listener, or empty for UDP and TCP only
 */
record KamailioSettings(String realm, Map<String, String> passwords, String algorithm, Optional<TlsFiles> tls) {

    /** PEM files of the server certificate and its unencrypted private key. */
    record TlsFiles(Path certificate, Path privateKey) {
    }

    static final String DEFAULT_REALM = "parley.test";

    /** Token characters that need no quoting in a SIP URI user part or a Kamailio htable key. */
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    KamailioSettings {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(tls, "tls");
        if (!algorithm.equals("MD5") && !algorithm.equals("SHA-256")) {
            throw new IllegalArgumentException("Kamailio 5.6 supports the digest algorithms MD5 and SHA-256, not '"
                    + algorithm + "'");
        }
        passwords.forEach(KamailioSettings::checkUser);
        passwords = Map.copyOf(passwords);
    }

    /** MD5 challenges for realm {@value #DEFAULT_REALM} with one user. */
    static KamailioSettings withUser(String user, String password) {
        Map<String, String> passwords = new LinkedHashMap<>();
        passwords.put(user, password);
        return new KamailioSettings(DEFAULT_REALM, passwords, "MD5", Optional.empty());
    }

    KamailioSettings withAlgorithm(String value) {
        return new KamailioSettings(realm, passwords, value, tls);
    }

    KamailioSettings withTls(TlsFiles files) {
        return new KamailioSettings(realm, passwords, algorithm, Optional.of(files));
    }

    private static void checkUser(String user, String password) {
        if (!USER_NAME.matcher(user).matches()) {
            throw new IllegalArgumentException("user name '" + user + "' must be 1 to 64 of A-Z a-z 0-9 . _ -");
        }
        // The password becomes a double-quoted string in the Kamailio configuration.
        if (password.isEmpty() || password.chars().anyMatch(c -> c == '"' || c == '\\' || c < 0x20)) {
            throw new IllegalArgumentException("the password of user '" + user
                    + "' must be non-empty, without quotes, backslashes or control characters");
        }
    }
}
