package io.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.net.BindException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class NativeTransportTest {

    private static boolean nioRequested() {
        return "nio".equals(System.getProperty(NativeTransport.PROPERTY));
    }

    @Test
    void choosesEpollUnlessNioRequested() {
        boolean linuxX86 = System.getProperty("os.name").equals("Linux") && System.getProperty("os.arch").equals("amd64");

        if (nioRequested()) {
            assertThat(NativeTransport.epoll()).isFalse();
            assertThat(NativeTransport.datagramChannel()).isEqualTo(NioDatagramChannel.class);
        } else if (linuxX86) {
            assertThat(NativeTransport.epoll()).isTrue();
            assertThat(NativeTransport.datagramChannel()).isEqualTo(EpollDatagramChannel.class);
        }
    }

    @Test
    void portInUseFailsWithBindException() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress());
                NettyTransport transport = new NettyTransport(TransportSettings.DEFAULTS, (message, flow) -> { },
                        MessageTraceListener.NONE)) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), taken.getLocalPort());

            assertThatThrownBy(() -> transport.listen(Transport.UDP, address).get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(TransportException.class)
                    .hasMessageContaining(String.valueOf(taken.getLocalPort()))
                    .cause().isInstanceOf(BindException.class);
        }
    }
}
