package io.parley.cli;

import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transaction.StackSettings;
import io.parley.transport.MessageTraceListener;
import io.parley.transport.SocketAddresses;
import io.parley.transport.TlsSettings;
import io.parley.transport.Transport;
import io.parley.transport.TransportSettings;
import io.parley.ua.LocalEndpoint;
import io.parley.ua.StackRequestChannel;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** Opens registrar channels on Parley's Netty transports and transaction layer. */
final class StackRegistrarChannels {

    private StackRegistrarChannels() {
    }

    static RegistrarChannels.OpenChannel open(RegistrarChannels.Settings settings, RegistrarChannels.WireTrace trace)
            throws IOException {
        TlsSettings tls = TlsSettings.defaults().withInsecure(settings.insecure());
        if (settings.trustStore().isPresent()) {
            tls = tls.withTrustStore(settings.trustStore().get(), settings.trustStorePassword());
        }
        StackSettings stackSettings = StackSettings.DEFAULTS.withTransport(TransportSettings.DEFAULTS.withTls(tls));
        MessageTraceListener listener = (direction, message, flow) -> {
            boolean sent = direction == MessageTraceListener.Direction.SENT;
            String local = SocketAddresses.format(flow.local());
            String remote = SocketAddresses.format(flow.remote());
            trace.onMessage(sent, message, flow.transport() + " " + (sent ? local + " -> " + remote : remote + " -> " + local));
        };
        StackRequestChannel channel = StackRequestChannel.open(Transport.valueOf(settings.transport()),
                settings.registrar(), settings.localPort(), stackSettings, listener);
        return new Adapter(channel);
    }

    /** Gives the stack channel the {@link RegistrarChannels.OpenChannel} type the command closes. */
    private record Adapter(StackRequestChannel channel) implements RegistrarChannels.OpenChannel {

        @Override
        public LocalEndpoint localEndpoint() {
            return channel.localEndpoint();
        }

        @Override
        public CompletableFuture<SipResponse> send(SipRequest request) {
            return channel.send(request);
        }

        @Override
        public void close() {
            channel.close();
        }
    }
}
