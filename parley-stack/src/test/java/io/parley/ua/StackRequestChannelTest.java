package io.parley.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.ClientPolicy;
import io.parley.auth.CredentialsProvider;
import io.parley.auth.DigestClient;
import io.parley.auth.DigestCredentials;
import io.parley.message.SipRequest;
import io.parley.message.SipUri;
import io.parley.transaction.StackSettings;
import io.parley.transport.MessageTraceListener;
import io.parley.transport.Transport;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
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
                    .withParameter(new io.parley.message.Parameter("transport", transport.name().toLowerCase()));
            DigestClient digest = new DigestClient(CredentialsProvider.forAnyRealm(new DigestCredentials("23", "4321")),
                    ClientPolicy.DEFAULT, new SecureRandom());
            RegistrationClient client = new RegistrationClient(
                    RegistrationConfig.of(SipUri.of("23", "loopback.test"), registrarUri, 300), channel, digest,
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
}
