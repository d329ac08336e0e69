package io.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.Method;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsTransportTest {

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    @TempDir
    static Path directory;

    private static TestCertificates certificates;

    private final InboundQueue serverInbound = new InboundQueue();
    private NettyTransport server;
    private InetSocketAddress serverAddress;

    @BeforeAll
    static void generateCertificate() throws Exception {
        certificates = TestCertificates.generate(directory);
    }

    @BeforeEach
    void start() throws Exception {
        TlsSettings tls = TlsSettings.defaults().withKeyStore(certificates.keyStore, TestCertificates.PASSWORD);
        server = new NettyTransport(TransportSettings.DEFAULTS.withTls(tls), serverInbound, MessageTraceListener.NONE);
        serverAddress = server.listen(Transport.TLS, new InetSocketAddress(LOOPBACK, 0)).get().address();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void requestAndResponseWithTrustedCertificate() throws Exception {
        InboundQueue clientInbound = new InboundQueue();
        TlsSettings trusting = TlsSettings.defaults().withTrustStore(certificates.trustStore, TestCertificates.PASSWORD);
        try (NettyTransport client = clientWith(trusting, clientInbound)) {
            client.sendRequest(TestMessages.request(Method.OPTIONS), destination()).get(10, TimeUnit.SECONDS);
            InboundQueue.Received request = serverInbound.take();
            server.sendResponse(TestMessages.response(request.request(), 200), request.flow()).get();

            assertThat(request.flow().transport()).isEqualTo(Transport.TLS);
            assertThat(request.request().topVia().orElseThrow().transport()).isEqualTo("TLS");
            assertThat(clientInbound.take().response().statusCode()).isEqualTo(200);
        }
    }

    @Test
    void untrustedCertificateFailsWithTransportException() {
        try (NettyTransport client = clientWith(TlsSettings.defaults(), new InboundQueue())) {
            var sent = client.sendRequest(TestMessages.request(Method.OPTIONS), destination());

            assertThat(sent).failsWithin(10, TimeUnit.SECONDS)
                    .withThrowableOfType(ExecutionException.class)
                    .havingCause()
                    .isInstanceOf(TransportException.class)
                    .withMessageContaining("TLS handshake");
            assertThat(serverInbound.isEmpty()).isTrue();
        }
    }

    @Test
    void insecureModeAcceptsAnyCertificate() throws Exception {
        try (NettyTransport client = clientWith(TlsSettings.defaults().withInsecure(true), new InboundQueue())) {
            client.sendRequest(TestMessages.request(Method.OPTIONS), destination()).get(10, TimeUnit.SECONDS);

            assertThat(serverInbound.take().request().method()).isEqualTo(Method.OPTIONS);
        }
    }

    @Test
    void listenerWithoutKeyStoreFails() {
        try (NettyTransport keyless = clientWith(TlsSettings.defaults(), new InboundQueue())) {
            var bound = keyless.listen(Transport.TLS, new InetSocketAddress(LOOPBACK, 0));

            assertThat(bound).failsWithin(0, TimeUnit.SECONDS)
                    .withThrowableOfType(ExecutionException.class)
                    .extracting(Throwable::getCause, InstanceOfAssertFactories.THROWABLE)
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("key store");
        }
    }

    private static NettyTransport clientWith(TlsSettings tls, InboundQueue inbound) {
        return new NettyTransport(TransportSettings.DEFAULTS.withTls(tls), inbound, MessageTraceListener.NONE);
    }

    private Destination destination() {
        return new Destination(Transport.TLS, serverAddress);
    }
}
