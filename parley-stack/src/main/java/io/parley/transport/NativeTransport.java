package io.parley.transport;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.unix.Errors;
import java.net.BindException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty channel classes the transports use: Linux epoll where Netty's native library loads,
 * which reads and sends datagrams with fewer system calls and less garbage than the JDK's
 * selector, else Java NIO. The system property {@value #PROPERTY} set to {@code nio} forces Java NIO.
 */
final class NativeTransport {

    /** Set to {@code nio} to use Java NIO even where epoll is available. */
    static final String PROPERTY = "parley.transport";

    private static final Logger LOG = LoggerFactory.getLogger(NativeTransport.class);
    /** Linux errno values, from asm-generic/errno.h. */
    private static final int EADDRINUSE = 98;
    private static final int EADDRNOTAVAIL = 99;
    private static final boolean EPOLL = chooseEpoll();

    private NativeTransport() {
    }

    private static boolean chooseEpoll() {
        if ("nio".equals(System.getProperty(PROPERTY))) {
            return false;
        }
        if (!Epoll.isAvailable()) {
            LOG.debug("using Java NIO because epoll is unavailable: {}", Epoll.unavailabilityCause().toString());
            return false;
        }
        return true;
    }

    /** Returns whether the transports use epoll. */
    static boolean epoll() {
        return EPOLL;
    }

    /**
     * Returns {@code failure} as the {@link BindException} that Java NIO throws when the address is in
     * use or not local, so callers see one exception whichever transport failed. The epoll transport
     * reports these as a {@code NativeIoException} with the negated Linux errno.
     */
    static Throwable asBindException(Throwable failure) {
        if (failure instanceof Errors.NativeIoException nativeFailure
                && (nativeFailure.expectedErr() == -EADDRINUSE || nativeFailure.expectedErr() == -EADDRNOTAVAIL)) {
            BindException bind = new BindException(nativeFailure.getMessage());
            bind.initCause(nativeFailure);
            return bind;
        }
        return failure;
    }

    static IoHandlerFactory ioHandlerFactory() {
        return EPOLL ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    }

    static Class<? extends DatagramChannel> datagramChannel() {
        return EPOLL ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    static Class<? extends ServerSocketChannel> serverSocketChannel() {
        return EPOLL ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    static Class<? extends SocketChannel> socketChannel() {
        return EPOLL ? EpollSocketChannel.class : NioSocketChannel.class;
    }
}
