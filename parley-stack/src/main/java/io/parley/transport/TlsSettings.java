package io.parley.transport;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * Key and trust material for TLS, read from PKCS#12 or JKS key stores by the JDK's SSLEngine.
 *
 * @param keyStore the key store with our certificate and private key; required for a TLS listener
 * @param keyStorePassword its password
 * @param trustStore the trust store that verifies the peer; empty uses the JDK's default trust
 * @param trustStorePassword its password
 * @param insecure accept any peer certificate and host name; for tests only, never in production
 */
public record TlsSettings(Optional<Path> keyStore, char[] keyStorePassword, Optional<Path> trustStore,
        char[] trustStorePassword, boolean insecure) {

    public TlsSettings {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(trustStore, "trustStore");
        keyStorePassword = keyStorePassword == null ? new char[0] : keyStorePassword.clone();
        trustStorePassword = trustStorePassword == null ? new char[0] : trustStorePassword.clone();
    }

    /** Returns settings that verify peers against the JDK's default trust store and have no key. */
    public static TlsSettings defaults() {
        return new TlsSettings(Optional.empty(), null, Optional.empty(), null, false);
    }

    /** Returns a copy that presents this key store's certificate to peers. */
    public TlsSettings withKeyStore(Path path, char[] password) {
        return new TlsSettings(Optional.of(path), password, trustStore, trustStorePassword, insecure);
    }

    /** Returns a copy that verifies peers against this trust store. */
    public TlsSettings withTrustStore(Path path, char[] password) {
        return new TlsSettings(keyStore, keyStorePassword, Optional.of(path), password, insecure);
    }

    /** Returns a copy that accepts any peer certificate and host name; for tests only. */
    public TlsSettings withInsecure(boolean acceptAnyCertificate) {
        return new TlsSettings(keyStore, keyStorePassword, trustStore, trustStorePassword, acceptAnyCertificate);
    }

    /** Returns the passwords masked, so settings can be logged. */
    @Override
    public String toString() {
        return "TlsSettings[keyStore=" + keyStore + ", trustStore=" + trustStore + ", insecure=" + insecure + "]";
    }
}
