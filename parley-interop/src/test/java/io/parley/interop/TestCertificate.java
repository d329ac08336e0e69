package io.parley.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed server certificate for 127.0.0.1 made with openssl for one test, and a client
 * {@link SSLContext} that trusts exactly that certificate.
 */
record TestCertificate(Path certificate, Path privateKey) {

    private static final Duration OPENSSL_TIMEOUT = Duration.ofSeconds(30);

    /** Writes {@code server-cert.pem} and {@code server-key.pem} (RSA 2048, one day) into {@code directory}. */
    static TestCertificate generate(Path directory) {
        Path openssl = PeerBinary.require("openssl", "openssl");
        Path certificate = directory.resolve("server-cert.pem");
        Path privateKey = directory.resolve("server-key.pem");
        List<String> command = List.of(openssl.toString(), "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                "-keyout", privateKey.toString(), "-out", certificate.toString(), "-days", "1",
                "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1");
        try (PeerProcess process = PeerProcess.start("openssl", command, directory)) {
            int status = process.awaitExit(OPENSSL_TIMEOUT);
            if (status != 0) {
                throw new IllegalStateException("openssl req exited with status " + status + ": " + process.output());
            }
        }
        return new TestCertificate(certificate, privateKey);
    }

    KamailioSettings.TlsFiles tlsFiles() {
        return new KamailioSettings.TlsFiles(certificate, privateKey);
    }

    /** Returns a TLS client context whose only trust anchor is this certificate. */
    SSLContext clientContext() {
        try (InputStream in = Files.newInputStream(certificate)) {
            Certificate parsed = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore trustStore = KeyStore.getInstance(KeyStore.getDefaultType());
            trustStore.load(null, null);
            trustStore.setCertificateEntry("test-server", parsed);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + certificate, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a TLS context trusting " + certificate, e);
        }
    }
}
