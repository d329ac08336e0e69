package io.parley.transport;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;

/** Builds the JDK SSLEngine contexts for TLS listeners and connections from {@link TlsSettings}. */
final class TlsContexts {

    private TlsContexts() {
    }

    /** Returns the context of a TLS listener, which needs our certificate and key. */
    static SslContext server(TlsSettings settings) throws TransportException {
        if (settings.keyStore().isEmpty()) {
            throw new TransportException("a TLS listener needs a key store with its certificate; set TlsSettings.withKeyStore");
        }
        try {
            KeyStore keys = load(settings.keyStore().get(), settings.keyStorePassword());
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, settings.keyStorePassword());
            return SslContextBuilder.forServer(keyManagers).sslProvider(SslProvider.JDK).build();
        } catch (GeneralSecurityException | IOException e) {
            throw new TransportException("cannot load the TLS key store " + settings.keyStore().get() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Returns the context of outgoing TLS connections: the trust store, the JDK default, or no checks when insecure. */
    static SslContext client(TlsSettings settings) throws TransportException {
        SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK);
        try {
            if (settings.insecure()) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (settings.trustStore().isPresent()) {
                KeyStore trusted = load(settings.trustStore().get(), settings.trustStorePassword());
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(trusted);
                builder.trustManager(trust);
            }
            if (!settings.insecure()) {
                builder.endpointIdentificationAlgorithm("HTTPS");
            }
            return builder.build();
        } catch (GeneralSecurityException | IOException e) {
            throw new TransportException("cannot load the TLS trust store " + settings.trustStore().orElse(null) + ": "
                    + e.getMessage(), e);
        }
    }

    private static KeyStore load(Path path, char[] password) throws GeneralSecurityException, IOException {
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        try (InputStream in = Files.newInputStream(path)) {
            store.load(in, password);
        }
        return store;
    }
}
