package io.parley.cli;

import io.parley.message.SipMessage;
import io.parley.ua.RequestChannel;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Opens the channel {@code parley register} sends its requests through; tests pass an in-process registrar. */
@FunctionalInterface
interface RegistrarChannels {

    /**
     * Opens a channel to the registrar.
     *
     * @param trace receives every message sent and received
     * @throws IOException if no local socket can be bound or the trust store cannot be read
     */
    OpenChannel open(Settings settings, WireTrace trace) throws IOException;

    /** Receives every SIP message on the wire, for {@code --trace}. */
    @FunctionalInterface
    interface WireTrace {

        /**
         * Handles one message.
         *
         * @param sent true for a message we sent, false for one we received
         * @param flow the transport, then the sender's and the receiver's address, such as
         *     {@code UDP 127.0.0.1:5070 -> 127.0.0.1:5060}
         */
        void onMessage(boolean sent, SipMessage message, String flow);
    }

    /** A channel that owns sockets and threads until closed. */
    interface OpenChannel extends RequestChannel, AutoCloseable {

        @Override
        void close();
    }

    /**
     * The registrar's address and the transport options for reaching it.
     *
     * @param transport {@code UDP}, {@code TCP} or {@code TLS}
     * @param registrar the registrar's resolved address
     * @param localPort the local port to bind, 0 for any
     * @param trustStore the PKCS#12 or JKS trust store for TLS, empty for the JDK's default trust
     * @param trustStorePassword the trust store password, empty when it has none
     * @param insecure whether TLS accepts any certificate; for tests only
     */
    record Settings(String transport, InetSocketAddress registrar, int localPort, Optional<Path> trustStore,
            char[] trustStorePassword, boolean insecure) {

        public Settings {
            Objects.requireNonNull(transport, "transport");
            Objects.requireNonNull(registrar, "registrar");
            Objects.requireNonNull(trustStore, "trustStore");
            trustStorePassword = trustStorePassword.clone();
        }
    }
}
