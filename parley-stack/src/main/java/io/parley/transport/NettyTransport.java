package io.parley.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UDP, TCP and TLS listeners and connections on Netty's NIO transport, all on one event loop
 * thread. Inbound messages go to an {@link InboundHandler} on that thread; every public method may
 * be called from any thread.
 */
public final class NettyTransport implements SipTransport, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NettyTransport.class);

    /**
     * The socket receive buffer asked for on UDP listeners. The kernel drops datagrams that arrive
     * while the buffer is full, and they come back only as retransmissions 500 ms later. So a server
     * needs room for the requests that pile up during a garbage collection pause. By the socket memory
     * that ss reports, 4 MiB (which Linux doubles for its bookkeeping) fits roughly 3000 requests of
     * 700 bytes. Linux caps the size at net.core.rmem_max.
     */
    static final int UDP_RECEIVE_BUFFER_BYTES = 4 * 1024 * 1024;

    private final TransportSettings settings;
    private final MessageTraceListener trace;
    private final EventLoopGroup group;
    private final EventLoop loop;
    private final InboundProcessor processor;
    private final ConnectionPool connections;
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private SslContext serverTls;
    private SslContext clientTls;

    /** A bound listener and its channel: a datagram channel for UDP, a server channel otherwise. */
    private record Listener(ListeningPoint point, Channel channel) {
    }

    /**
     * Creates the transport and its event loop thread; it listens nowhere until {@link #listen}.
     *
     * @param handler receives every well-formed inbound message on the event loop thread
     * @param trace receives every message sent and received
     */
    public NettyTransport(TransportSettings settings, InboundHandler handler, MessageTraceListener trace) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.trace = Objects.requireNonNull(trace, "trace");
        this.group = new MultiThreadIoEventLoopGroup(1, NativeTransport.ioHandlerFactory());
        this.loop = group.next();
        this.processor = new InboundProcessor(Objects.requireNonNull(handler, "handler"), trace);
        this.connections = new ConnectionPool(this::connect, handler::onConnectionClosed);
    }

    /** Returns the event loop every channel, inbound message and send runs on; schedule timers here. */
    public ScheduledExecutorService eventLoop() {
        return loop;
    }

    /**
     * Starts a listener. Port 0 picks a free port; the returned point has the actual one.
     *
     * @return the bound point, or a future failed with {@link TransportException}
     */
    public CompletableFuture<ListeningPoint> listen(Transport transport, InetSocketAddress address) {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(address, "address");
        ChannelFuture bound;
        try {
            bound = transport == Transport.UDP ? bindDatagram(address) : bindStream(transport, address);
        } catch (TransportException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Channel> listening = new CompletableFuture<>();
        bound.addListener(done -> {
            if (done.isSuccess()) {
                listening.complete(bound.channel());
            } else {
                Throwable cause = NativeTransport.asBindException(done.cause());
                listening.completeExceptionally(new TransportException("binding " + transport + " to "
                        + SocketAddresses.format(address) + " failed: " + cause, cause));
            }
        });
        return listening.thenApply(channel -> {
                    ListeningPoint point = new ListeningPoint(transport, (InetSocketAddress) channel.localAddress());
                    listeners.add(new Listener(point, channel));
                    LOG.info("listening on {}", point);
                    return point;
                });
    }

    /** Returns the points listened on, in the order they were bound. */
    public List<ListeningPoint> listeningPoints() {
        List<ListeningPoint> points = new ArrayList<>(listeners.size());
        for (Listener listener : listeners) {
            points.add(listener.point());
        }
        return points;
    }

    private ChannelFuture bindDatagram(InetSocketAddress address) {
        // Netty 4.2 reads datagrams into 2048-byte buffers by default, which would cut larger messages short.
        return new Bootstrap().group(group).channel(NativeTransport.datagramChannel())
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(settings.limits().maxMessageSize()))
                .option(ChannelOption.SO_RCVBUF, UDP_RECEIVE_BUFFER_BYTES)
                .handler(new DatagramHandler(processor, settings.limits(), this::replyOnFlow))
                .bind(address);
    }

    private ChannelFuture bindStream(Transport transport, InetSocketAddress address) throws TransportException {
        SslContext tls = transport == Transport.TLS ? serverTls() : null;
        return new ServerBootstrap().group(group).channel(NativeTransport.serverSocketChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tls != null) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc()));
                        }
                        channel.pipeline().addLast(newStreamHandler(transport));
                        connections.register(transport, channel);
                    }
                })
                .bind(address);
    }

    private StreamHandler newStreamHandler(Transport transport) {
        return new StreamHandler(transport, processor, settings.limits(), this::replyOnFlow);
    }

    @Override
    public Transport transportFor(SipRequest request, Destination destination) {
        if (destination.transport() != Transport.UDP) {
            return destination.transport();
        }
        Listener udp = findListener(Transport.UDP, destination.address());
        InetSocketAddress sentBy = udp == null ? destination.address() : udpSentBy(udp, destination.address());
        int size = ViaRules.stampOutbound(request, Transport.UDP, sentBy).toBytes().length;
        return size > UDP_REQUEST_LIMIT ? Transport.TCP : Transport.UDP;
    }

    @Override
    public CompletableFuture<Flow> sendRequest(SipRequest request, Destination destination) {
        return onLoop(() -> {
            Transport transport = transportFor(request, destination);
            // NOTE: RFC 3261 section 18.1.1 retries over UDP when the TCP connection is refused; Parley
            // fails the send instead.
            if (transport != destination.transport()) {
                LOG.debug("{} (Call-ID {}) is larger than {} bytes, so it goes over TCP (RFC 3261 section 18.1.1)",
                        request.method(), request.callId(), UDP_REQUEST_LIMIT);
            }
            Destination used = new Destination(transport, destination.address());
            return transport == Transport.UDP ? sendDatagramRequest(request, used) : sendStreamRequest(request, used);
        });
    }

    private CompletableFuture<Flow> sendDatagramRequest(SipRequest request, Destination destination) {
        Listener udp = findListener(Transport.UDP, destination.address());
        if (udp == null) {
            return CompletableFuture.failedFuture(new TransportException("no UDP listener to send "
                    + request.method() + " to " + destination + " from; start one with listen(UDP, address)"));
        }
        SipRequest stamped = ViaRules.stampOutbound(request, Transport.UDP, udpSentBy(udp, destination.address()));
        Flow flow = new Flow(Transport.UDP, udp.point().address(), destination.address());
        return writeDatagram(udp.channel(), stamped, null, flow);
    }

    private CompletableFuture<Flow> sendStreamRequest(SipRequest request, Destination destination) {
        return connections.connection(destination).thenCompose(channel -> {
            InetSocketAddress local = (InetSocketAddress) channel.localAddress();
            SipRequest stamped = ViaRules.stampOutbound(request, destination.transport(),
                    streamSentBy(destination.transport(), local));
            return writeStream(channel, stamped, new Flow(destination.transport(), local, destination.address()));
        });
    }

    @Override
    public CompletableFuture<Flow> sendResponse(SipResponse response, Flow requestFlow) {
        return sendResponse(response, null, requestFlow);
    }

    @Override
    public CompletableFuture<Flow> sendResponse(SipResponse response, byte[] bytes, Flow requestFlow) {
        return onLoop(() -> {
            if (requestFlow.transport() == Transport.UDP) {
                return sendDatagramResponse(response, bytes, requestFlow);
            }
            var open = connections.active(requestFlow.destination());
            if (open.isPresent()) {
                return writeStream(open.get(), response, requestFlow);
            }
            // RFC 3261 section 18.2.2: the connection is gone, so open one to received (or sent-by) and the sent-by port.
            return ViaRules.responseTarget(response, requestFlow.transport(), false)
                    .map(target -> connections.connection(new Destination(requestFlow.transport(), target))
                            .thenCompose(channel -> writeStream(channel, response, flowOf(requestFlow.transport(), channel))))
                    .orElseGet(() -> CompletableFuture.failedFuture(new TransportException(
                            "connection " + requestFlow + " closed and the Via of " + response + " names no IP address")));
        });
    }

    private CompletableFuture<Flow> sendDatagramResponse(SipResponse response, byte[] bytes, Flow requestFlow) {
        var target = ViaRules.responseTarget(response, Transport.UDP, true);
        if (target.isEmpty()) {
            return CompletableFuture.failedFuture(new TransportException("the top Via of " + response
                    + " (Call-ID " + response.callId() + ") names no IP address to send it to"));
        }
        Listener udp = findListenerAt(requestFlow.local());
        if (udp == null) {
            udp = findListener(Transport.UDP, target.get());
        }
        if (udp == null) {
            return CompletableFuture.failedFuture(new TransportException("no UDP listener to send " + response
                    + " from; start one with listen(UDP, address)"));
        }
        return writeDatagram(udp.channel(), response, bytes, new Flow(Transport.UDP, udp.point().address(), target.get()));
    }

    /** Sends an error response straight back on the flow a malformed request came on. */
    private void replyOnFlow(SipResponse response, Flow flow) {
        CompletableFuture<Flow> sent;
        if (flow.transport() == Transport.UDP) {
            Listener udp = findListenerAt(flow.local());
            sent = udp == null ? CompletableFuture.failedFuture(new TransportException("listener " + flow.local() + " is closed"))
                    : writeDatagram(udp.channel(), response, null, flow);
        } else {
            sent = connections.active(flow.destination()).map(channel -> writeStream(channel, response, flow))
                    .orElseGet(() -> CompletableFuture.failedFuture(new TransportException("connection " + flow + " is closed")));
        }
        sent.whenComplete((used, failure) -> {
            if (failure != null) {
                LOG.warn("failed to send {} to {}: {}", response, flow, failure.getMessage());
            }
        });
    }

    /** Sends {@code message} as one datagram: {@code bytes} when not null, which must be its serialized form. */
    private CompletableFuture<Flow> writeDatagram(Channel channel, SipMessage message, byte[] bytes, Flow flow) {
        traceSent(message, flow);
        byte[] wire = bytes != null ? bytes : message.toBytes();
        DatagramPacket packet = new DatagramPacket(Unpooled.wrappedBuffer(wire), flow.remote());
        return ConnectionPool.toCompletable(channel.writeAndFlush(packet), "sending " + message + " to " + flow)
                .thenApply(ignored -> flow);
    }

    private CompletableFuture<Flow> writeStream(Channel channel, SipMessage message, Flow flow) {
        traceSent(message, flow);
        return ConnectionPool.toCompletable(channel.writeAndFlush(Unpooled.wrappedBuffer(message.toBytes())),
                "sending " + message + " on " + flow).thenApply(ignored -> flow);
    }

    private void traceSent(SipMessage message, Flow flow) {
        WireLog.log(MessageTraceListener.Direction.SENT, message, flow);
        trace.onMessage(MessageTraceListener.Direction.SENT, message, flow);
    }

    private static Flow flowOf(Transport transport, Channel channel) {
        return new Flow(transport, (InetSocketAddress) channel.localAddress(), (InetSocketAddress) channel.remoteAddress());
    }

    /** Opens a TCP or TLS connection; for TLS it is ready once the handshake succeeds. */
    private CompletableFuture<Channel> connect(Destination destination) {
        SslContext tls;
        try {
            tls = destination.transport() == Transport.TLS ? clientTls() : null;
        } catch (TransportException e) {
            return CompletableFuture.failedFuture(e);
        }
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NativeTransport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tls != null) {
                            InetSocketAddress peer = destination.address();
                            channel.pipeline().addLast(tls.newHandler(channel.alloc(),
                                    peer.getAddress().getHostAddress(), peer.getPort()));
                        }
                        channel.pipeline().addLast(newStreamHandler(destination.transport()));
                    }
                });
        CompletableFuture<Channel> connected = ConnectionPool.toCompletable(bootstrap.connect(destination.address()),
                "connecting to " + destination);
        return connected.thenCompose(channel -> tls == null
                        ? CompletableFuture.completedFuture(channel) : handshake(channel, destination))
                .thenApply(channel -> {
                    connections.register(destination.transport(), channel);
                    startKeepAlive(channel);
                    LOG.debug("connected to {} from {}", destination, channel.localAddress());
                    return channel;
                });
    }

    private static CompletableFuture<Channel> handshake(Channel channel, Destination destination) {
        CompletableFuture<Channel> result = new CompletableFuture<>();
        channel.pipeline().get(SslHandler.class).handshakeFuture().addListener(done -> {
            if (done.isSuccess()) {
                result.complete(channel);
            } else {
                channel.close();
                result.completeExceptionally(new TransportException("TLS handshake with " + destination + " failed: "
                        + done.cause().getMessage(), done.cause()));
            }
        });
        return result;
    }

    /** Sends a CRLFCRLF ping on a connection we opened (RFC 5626 section 3.5.1). */
    private void startKeepAlive(Channel channel) {
        long interval = settings.keepAliveInterval().toMillis();
        if (interval <= 0) {
            return;
        }
        ScheduledFuture<?> pings = channel.eventLoop().scheduleAtFixedRate(
                () -> channel.writeAndFlush(Unpooled.wrappedBuffer(StreamHandler.PING)),
                interval, interval, TimeUnit.MILLISECONDS);
        channel.closeFuture().addListener(closed -> pings.cancel(false));
    }

    private InetSocketAddress udpSentBy(Listener udp, InetSocketAddress destination) {
        InetSocketAddress bound = udp.point().address();
        if (!bound.getAddress().isAnyLocalAddress()) {
            return bound;
        }
        return new InetSocketAddress(LocalRoutes.sourceAddressFor(destination), bound.getPort());
    }

    /** Returns the sent-by of a stream request: our listener of that transport if any, else the connection's address. */
    private InetSocketAddress streamSentBy(Transport transport, InetSocketAddress connectionLocal) {
        Listener listener = findListener(transport, connectionLocal);
        if (listener == null) {
            return connectionLocal;
        }
        InetSocketAddress bound = listener.point().address();
        return bound.getAddress().isAnyLocalAddress()
                ? new InetSocketAddress(connectionLocal.getAddress(), bound.getPort()) : bound;
    }

    /** Returns a listener of this transport in the address family of {@code peer}, or any of the transport. */
    private Listener findListener(Transport transport, InetSocketAddress peer) {
        Listener fallback = null;
        for (Listener listener : listeners) {
            if (listener.point().transport() != transport) {
                continue;
            }
            if (listener.point().address().getAddress().getClass() == peer.getAddress().getClass()) {
                return listener;
            }
            fallback = fallback == null ? listener : fallback;
        }
        return fallback;
    }

    private Listener findListenerAt(InetSocketAddress local) {
        for (Listener listener : listeners) {
            if (listener.point().transport() == Transport.UDP && listener.point().address().equals(local)) {
                return listener;
            }
        }
        return null;
    }

    private synchronized SslContext serverTls() throws TransportException {
        if (serverTls == null) {
            serverTls = TlsContexts.server(settings.tls());
        }
        return serverTls;
    }

    private synchronized SslContext clientTls() throws TransportException {
        if (clientTls == null) {
            clientTls = TlsContexts.client(settings.tls());
        }
        return clientTls;
    }

    /** Runs {@code action} on the event loop; a runtime exception it throws fails the returned future. */
    private <T> CompletableFuture<T> onLoop(Supplier<CompletableFuture<T>> action) {
        if (loop.inEventLoop()) {
            return call(action);
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> call(action).whenComplete((value, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(value);
            }
        }));
        return result;
    }

    private static <T> CompletableFuture<T> call(Supplier<CompletableFuture<T>> action) {
        try {
            return action.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Returns the number of open TCP and TLS connections, for tests. */
    int connectionCount() {
        return onLoop(() -> CompletableFuture.completedFuture(connections.size())).join();
    }

    /**
     * Closes every listener and connection and stops the event loop thread, waiting up to 5 s.
     *
     * @throws IllegalStateException when called on the event loop thread, which cannot wait for itself
     */
    @Override
    public void close() {
        if (loop.inEventLoop()) {
            throw new IllegalStateException("close the transport from another thread than its event loop");
        }
        for (Listener listener : listeners) {
            listener.channel().close();
        }
        listeners.clear();
        loop.submit(connections::closeAll).syncUninterruptibly();
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
        LOG.info("transport stopped");
    }
}
