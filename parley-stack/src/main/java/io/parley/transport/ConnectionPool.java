package io.parley.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open TCP and TLS connections, one per transport and remote address, whether we opened them or
 * the peer did (RFC 3261 section 18: connections are reused). Confined to the transport's event loop.
 */
final class ConnectionPool {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);

    private final Map<Destination, Channel> open = new HashMap<>();
    private final Map<Destination, CompletableFuture<Channel>> connecting = new HashMap<>();
    private final Function<Destination, CompletableFuture<Channel>> connector;
    private final Consumer<Destination> onClosed;

    /** {@code connector} opens a connection, completing once it is ready for SIP (after the TLS handshake). */
    ConnectionPool(Function<Destination, CompletableFuture<Channel>> connector, Consumer<Destination> onClosed) {
        this.connector = connector;
        this.onClosed = onClosed;
    }

    /** Adds a connection; it leaves the pool when it closes. */
    void register(Transport transport, Channel channel) {
        Destination key = new Destination(transport, (InetSocketAddress) channel.remoteAddress());
        open.put(key, channel);
        channel.closeFuture().addListener(closed -> {
            open.remove(key, channel);
            LOG.debug("{} connection to {} closed", transport, key.address());
            onClosed.accept(key);
        });
    }

    /** Returns the open connection to this destination. */
    Optional<Channel> active(Destination destination) {
        Channel channel = open.get(destination);
        return channel != null && channel.isActive() ? Optional.of(channel) : Optional.empty();
    }

    /** Returns the open connection to this destination, or opens one; concurrent callers share one attempt. */
    CompletableFuture<Channel> connection(Destination destination) {
        Optional<Channel> existing = active(destination);
        if (existing.isPresent()) {
            return CompletableFuture.completedFuture(existing.get());
        }
        CompletableFuture<Channel> pending = connecting.get(destination);
        if (pending != null) {
            return pending;
        }
        CompletableFuture<Channel> attempt = connector.apply(destination);
        connecting.put(destination, attempt);
        attempt.whenComplete((channel, failure) -> connecting.remove(destination, attempt));
        return attempt;
    }

    /** Closes every connection. */
    void closeAll() {
        for (Channel channel : open.values()) {
            channel.close();
        }
    }

    /** Returns the number of open connections. */
    int size() {
        return open.size();
    }

    static CompletableFuture<Channel> toCompletable(ChannelFuture future, String what) {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        future.addListener(done -> {
            if (done.isSuccess()) {
                result.complete(future.channel());
            } else {
                result.completeExceptionally(new TransportException(what + " failed: " + done.cause(), done.cause()));
            }
        });
        return result;
    }
}
