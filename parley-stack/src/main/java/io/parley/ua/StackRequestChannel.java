package io.parley.ua;

import io.parley.message.Method;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transaction.ServerTransaction;
import io.parley.transaction.SipStack;
import io.parley.transaction.StackSettings;
import io.parley.transaction.TransactionTimeoutException;
import io.parley.transaction.TransactionUser;
import io.parley.transport.Destination;
import io.parley.transport.ListeningPoint;
import io.parley.transport.MessageTraceListener;
import io.parley.transport.SocketAddresses;
import io.parley.transport.Transport;
import io.parley.transport.TransportException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;

/**
 * A {@link RequestChannel} on Parley's own stack: one {@link SipStack} that listens on the local
 * address routing to the registrar and sends every REGISTER in a client transaction there.
 */
public final class StackRequestChannel implements RequestChannel, AutoCloseable {

    private final SipStack stack;
    private final Destination registrar;
    private final LocalEndpoint endpoint;

    private StackRequestChannel(SipStack stack, Destination registrar, LocalEndpoint endpoint) {
        this.stack = stack;
        this.registrar = registrar;
        this.endpoint = endpoint;
    }

    /**
     * Starts a stack for one registrar. UDP and TCP listen on {@code localPort} (0 for any free
     * port) of the local address that routes to the registrar, so responses and requests from the
     * registrar reach us. TLS listens only when the settings have a key store.
     *
     * @param trace sees every message sent and received
     * @throws TransportException if the local address cannot be found or bound
     */
    public static StackRequestChannel open(Transport transport, InetSocketAddress registrar, int localPort,
            StackSettings settings, MessageTraceListener trace) throws TransportException {
        Objects.requireNonNull(transport, "transport");
        InetAddress localAddress = localAddressToward(registrar);
        SipStack stack = new SipStack(settings, new MinimalUser(), trace);
        try {
            LocalEndpoint endpoint = listen(stack, transport, new InetSocketAddress(localAddress, localPort), settings);
            return new StackRequestChannel(stack, new Destination(transport, registrar), endpoint);
        } catch (TransportException | RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    private static LocalEndpoint listen(SipStack stack, Transport transport, InetSocketAddress local,
            StackSettings settings) throws TransportException {
        boolean canListen = transport != Transport.TLS || settings.transport().tls().keyStore().isPresent();
        if (!canListen) {
            // NOTE: without a key store there is no TLS listener, so the first Contact names the TLS
            // default port; the client corrects it from the rport of the first response.
            return new LocalEndpoint(transport.name(), SocketAddresses.host(local.getAddress()),
                    local.getPort() != 0 ? local.getPort() : Transport.TLS.defaultPort());
        }
        ListeningPoint point = stack.listen(transport, local);
        return new LocalEndpoint(transport.name(), SocketAddresses.host(point.address().getAddress()),
                point.address().getPort());
    }

    /**
     * Returns the local address the operating system routes to {@code remote}, found by connecting
     * a UDP socket, which sends nothing.
     */
    static InetAddress localAddressToward(InetSocketAddress remote) throws TransportException {
        try (DatagramSocket probe = new DatagramSocket()) {
            probe.connect(remote);
            InetAddress local = probe.getLocalAddress();
            if (local == null || local.isAnyLocalAddress()) {
                throw new TransportException("no local address routes to " + SocketAddresses.format(remote));
            }
            return local;
        } catch (IOException | UncheckedIOException e) {
            throw new TransportException("finding the local address toward " + SocketAddresses.format(remote)
                    + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public LocalEndpoint localEndpoint() {
        return endpoint;
    }

    /** Sends through the stack; a transaction timeout fails the future with a {@link TimeoutException}. */
    @Override
    public CompletableFuture<SipResponse> send(SipRequest request) {
        CompletableFuture<SipResponse> result = new CompletableFuture<>();
        stack.send(request, registrar).whenComplete((response, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null
                    ? error.getCause() : error;
            if (cause == null) {
                result.complete(response);
            } else if (cause instanceof TransactionTimeoutException timeout) {
                TimeoutException converted = new TimeoutException(timeout.getMessage());
                converted.initCause(timeout);
                result.completeExceptionally(converted);
            } else {
                result.completeExceptionally(cause);
            }
        });
        return result;
    }

    /** Closes the stack's sockets and thread; transactions in flight are dropped. */
    @Override
    public void close() {
        stack.close();
    }

    /**
     * Answers requests that reach a registering user agent: OPTIONS with 200 (RFC 3261 section
     * 11.2), anything else with 405 and an Allow header, because this channel only registers.
     */
    private static final class MinimalUser implements TransactionUser {

        @Override
        public void onRequest(ServerTransaction transaction) {
            SipRequest request = transaction.request();
            int status = request.method().equals(Method.OPTIONS) ? 200 : 405;
            transaction.respond(SipResponse.forRequest(request, status).toTag(Integer.toHexString(ThreadLocalRandom.current().nextInt()))
                    .allow(List.of(Method.OPTIONS)).build());
        }
    }
}
