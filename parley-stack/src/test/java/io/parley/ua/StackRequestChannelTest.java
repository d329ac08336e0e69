package io.parley.ua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.abort;

import io.parley.auth.ClientPolicy;
import io.parley.auth.CredentialsProvider;
import io.parley.auth.DigestClient;
import io.parley.auth.DigestCredentials;
import io.parley.message.Parameter;
import io.parley.message.SipRequest;
import io.parley.message.SipUri;
import io.parley.transaction.StackSettings;
import io.parley.transport.MessageTraceListener;
import io.parley.transport.Transport;
import io.parley.transport.TransportException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Registers over real loopback sockets against a registrar on a second stack. */
class StackRequestChannelTest {

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void registersAndUnregistersOverLoopback(Transport transport) throws Exception {
        CompletableFuture<RegistrationEvent> outcome = new CompletableFuture<>();
        CompletableFuture<RegistrationEvent.Unregistered> unregistered = new CompletableFuture<>();
        RegistrationListener listener = event -> {
            switch (event) {
                case RegistrationEvent.Registered registered -> outcome.complete(registered);
                case RegistrationEvent.Failed failed -> outcome.complete(failed);
                case RegistrationEvent.Unregistered done -> unregistered.complete(done);
                default -> { }
            }
        };
        try (LoopbackRegistrar registrar = new LoopbackRegistrar(transport);
                StackRequestChannel channel = StackRequestChannel.open(transport, registrar.address(), 0,
                        StackSettings.DEFAULTS, MessageTraceListener.NONE);
                ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler("test-registration")) {
            SipUri registrarUri = SipUri.of("", "127.0.0.1", registrar.address().getPort())
                    .withParameter(new Parameter("transport", transport.name().toLowerCase(Locale.ROOT)));
            RegistrationClient client = new RegistrationClient(
                    RegistrationConfig.of(SipUri.of("23", "loopback.test"), registrarUri, 300), channel, digest(),
                    scheduler, listener);

            client.start();
            RegistrationEvent first = outcome.get(10, TimeUnit.SECONDS);
            client.stop().get(10, TimeUnit.SECONDS);

            assertThat(first).isInstanceOf(RegistrationEvent.Registered.class);
            assertThat(((RegistrationEvent.Registered) first).expiresSeconds()).isEqualTo(300);
            assertThat(unregistered).isCompleted();
            assertThat(registrar.accepted()).hasSize(2);
            SipRequest unregister = registrar.accepted().get(1);
            assertThat(unregister.expires()).hasValue(0);
            assertThat(unregister.cseq().sequence()).isEqualTo(3);
            assertThat(channel.localEndpoint().transport()).isEqualTo(transport.name());
            assertThat(channel.localEndpoint().host()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void registersOverIpv6Loopback() throws Exception {
        InetSocketAddress ipv6 = new InetSocketAddress(InetAddress.getByName("::1"), 0);
        CompletableFuture<RegistrationEvent> outcome = new CompletableFuture<>();
        LoopbackRegistrar registrar;
        try {
            registrar = new LoopbackRegistrar(Transport.UDP, ipv6);
        } catch (TransportException e) {
            abort("this machine cannot bind ::1, so the IPv6 registration is not tried: " + e.getMessage());
            return;
        }
        try (registrar;
                StackRequestChannel channel = StackRequestChannel.open(Transport.UDP, registrar.address(), 0,
                        StackSettings.DEFAULTS, MessageTraceListener.NONE);
                ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler("test-registration")) {
            RegistrationClient client = new RegistrationClient(RegistrationConfig.of(SipUri.of("23", "loopback.test"),
                    SipUri.of("", "[::1]", registrar.address().getPort()), 300), channel, digest(), scheduler,
                    event -> {
                        if (event instanceof RegistrationEvent.Registered || event instanceof RegistrationEvent.Failed) {
                            outcome.complete(event);
                        }
                    });

            client.start();
            RegistrationEvent first = outcome.get(10, TimeUnit.SECONDS);
            client.stop().get(10, TimeUnit.SECONDS);

            assertThat(first).isInstanceOf(RegistrationEvent.Registered.class);
            SipUri contact = (SipUri) ((RegistrationEvent.Registered) first).contact().address().uri();
            assertThat(contact.host()).startsWith("[").endsWith("]");
            InetAddress contactAddress = InetAddress.getByName(contact.host().substring(1, contact.host().length() - 1));
            assertThat(contactAddress).isInstanceOf(Inet6Address.class);
            assertThat(contactAddress.isLoopbackAddress()).isTrue();
            assertThat(registrar.accepted()).hasSize(2);
            assertThat(authorizationUri(registrar.accepted().get(0))).isEqualTo("sip:[::1]:" + registrar.address().getPort());
        }
    }

    private static DigestClient digest() {
        return new DigestClient(CredentialsProvider.forAnyRealm(new DigestCredentials("23", "4321")),
                ClientPolicy.DEFAULT, new SecureRandom());
    }

    private static String authorizationUri(SipRequest request) {
        return request.authorization().get(0).param("uri").orElseThrow();
    }
}
