package io.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.parley.message.AuthParam;
import io.parley.message.AuthValue;
import io.parley.message.Method;
import io.parley.message.SipRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class WireLogTest {

    private static final String RESPONSE_DIGEST = "6629fae49393a05397450978507c4ef1";

    private final Logger wire = (Logger) LoggerFactory.getLogger("io.parley.wire");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    @BeforeEach
    void capture() {
        appender.start();
        wire.addAppender(appender);
        wire.setLevel(Level.TRACE);
    }

    @AfterEach
    void release() {
        wire.detachAppender(appender);
        wire.setLevel(null);
    }

    @Test
    void wireTraceMasksDigestResponse() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        AuthValue credentials = AuthValue.of("Digest", List.of(AuthParam.quoted("username", "alice"),
                AuthParam.quoted("realm", "parley.test"), AuthParam.quoted("response", RESPONSE_DIGEST)));
        SipRequest register = TestMessages.builder(Method.REGISTER, 2).authorization(credentials).build();
        try (NettyTransport transport = new NettyTransport(TransportSettings.DEFAULTS, new InboundQueue(),
                MessageTraceListener.NONE); RawPeer peer = new RawPeer(loopback)) {
            transport.listen(Transport.UDP, new InetSocketAddress(loopback, 0)).get();

            transport.sendRequest(register, new Destination(Transport.UDP, new InetSocketAddress(loopback, peer.port())))
                    .get();

            assertThat(peer.receive().authorization()).singleElement()
                    .satisfies(received -> assertThat(received.param("response")).contains(RESPONSE_DIGEST));
        }

        String logged = appender.list.get(0).getFormattedMessage();
        assertThat(logged).startsWith("SENT UDP").contains("REGISTER sip:").contains("username=\"alice\"");
        assertThat(logged).doesNotContain(RESPONSE_DIGEST);
    }
}
