package io.parley.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;

/** Writes PKCS#12 trust stores, the form Parley's TLS settings read. */
final class TrustStores {

    private TrustStores() {
    }

    /** Writes {@code trust.p12} into {@code directory} with the PEM certificate as its only entry. */
    static Path containing(Path certificatePem, Path directory, String password) {
        try (InputStream in = Files.newInputStream(certificatePem)) {
            Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("registrar", certificate);
            Path file = directory.resolve("trust.p12");
            try (OutputStream out = Files.newOutputStream(file)) {
                store.store(out, password.toCharArray());
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("writing a trust store for " + certificatePem + " failed", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("building a trust store for " + certificatePem + " failed", e);
        }
    }
}
