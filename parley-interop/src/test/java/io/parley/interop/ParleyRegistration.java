package io.parley.interop;

import static org.assertj.core.api.Assertions.fail;

import io.parley.auth.ClientPolicy;
import io.parley.auth.CredentialsProvider;
import io.parley.auth.DigestClient;
import io.parley.auth.DigestCredentials;
import io.parley.message.AuthValue;
import io.parley.message.Parameter;
import io.parley.message.SipRequest;
import io.parley.message.SipUri;
import io.parley.transaction.StackSettings;
import io.parley.transaction.TimerSettings;
import io.parley.transport.MessageTraceListener;
import io.parley.transport.TlsSettings;
import io.parley.transport.TransportException;
import io.parley.transport.TransportSettings;
import io.parley.ua.ExecutorTaskScheduler;
import io.parley.ua.RegistrationClient;
import io.parley.ua.RegistrationConfig;
import io.parley.ua.RegistrationEvent;
import io.parley.ua.StackRequestChannel;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Parley's registration client on its own stack, registering with a peer on 127.0.0.1, with every
 * event recorded so tests can wait for one and assert on the requests sent.
 */
final class ParleyRegistration implements AutoCloseable {

    /** Time allowed for each awaited event; a lost UDP request is retransmitted well within it. */
    static final Duration EVENT_TIMEOUT = Duration.ofSeconds(15);

    private final StackRequestChannel channel;
    private final ExecutorTaskScheduler scheduler;
    private final RegistrationClient client;
    private final BlockingQueue<RegistrationEvent> pending = new LinkedBlockingQueue<>();
    private final List<RegistrationEvent> events = new CopyOnWriteArrayList<>();

    private ParleyRegistration(StackRequestChannel channel, ExecutorTaskScheduler scheduler,
            RegistrationConfig config, String user, String password) {
        this.channel = channel;
        this.scheduler = scheduler;
        DigestClient digest = new DigestClient(CredentialsProvider.forAnyRealm(new DigestCredentials(user, password)),
                ClientPolicy.DEFAULT, new SecureRandom());
        this.client = new RegistrationClient(config, channel, digest, scheduler, event -> {
            events.add(event);
            pending.add(event);
        });
    }

    /** Builder-style options of one registration. */
    record Options(Transport transport, int registrarPort, String user, String domain, String password,
            long expiresSeconds, TimerSettings timers, TlsSettings tls) {

        static Options of(Transport transport, int registrarPort, String user, String domain, String password,
                long expiresSeconds) {
            return new Options(transport, registrarPort, user, domain, password, expiresSeconds, TimerSettings.DEFAULTS,
                    TlsSettings.defaults());
        }

        Options withTls(TlsSettings value) {
            return new Options(transport, registrarPort, user, domain, password, expiresSeconds, timers, value);
        }
    }

    /** Opens the stack and starts registering. */
    static ParleyRegistration start(Options options) throws TransportException {
        io.parley.transport.Transport stackTransport = io.parley.transport.Transport.valueOf(options.transport().name());
        InetSocketAddress registrar = new InetSocketAddress(LoopbackPorts.LOOPBACK, options.registrarPort());
        StackSettings settings = new StackSettings(options.timers(), TransportSettings.DEFAULTS.withTls(options.tls()));
        StackRequestChannel channel = StackRequestChannel.open(stackTransport, registrar, 0, settings,
                MessageTraceListener.NONE);
        SipUri registrarUri = SipUri.of("", "127.0.0.1", options.registrarPort());
        if (options.transport() != Transport.UDP) {
            registrarUri = registrarUri.withParameter(
                    new Parameter("transport", options.transport().name().toLowerCase(Locale.ROOT)));
        }
        RegistrationConfig config = RegistrationConfig.of(SipUri.of(options.user(), options.domain()), registrarUri,
                options.expiresSeconds());
        ParleyRegistration registration = new ParleyRegistration(channel,
                new ExecutorTaskScheduler("interop-registration"), config, options.user(), options.password());
        registration.client.start();
        return registration;
    }

    /** Waits for the next event of {@code type}; fails on a failure event of another type or after the timeout. */
    <T extends RegistrationEvent> T await(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + EVENT_TIMEOUT.toNanos();
        while (true) {
            long remaining = deadline - System.nanoTime();
            RegistrationEvent event = pending.poll(Math.max(remaining, 0), TimeUnit.NANOSECONDS);
            if (event == null) {
                return fail("no %s event within %s; events so far: %s", type.getSimpleName(), EVENT_TIMEOUT, summary());
            }
            if (type.isInstance(event)) {
                return type.cast(event);
            }
            if (event instanceof RegistrationEvent.Failed failed) {
                return fail("expected %s but registration failed: %s", type.getSimpleName(), failed.failure().diagnosis());
            }
        }
    }

    /** Stops the client: it unregisters when a binding is valid. */
    void stop() throws InterruptedException, ExecutionException, TimeoutException {
        client.stop().get(EVENT_TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
    }

    /** Returns every REGISTER sent, in order. */
    List<SipRequest> requests() {
        List<SipRequest> requests = new ArrayList<>();
        for (RegistrationEvent event : events) {
            if (event instanceof RegistrationEvent.RequestSent sent) {
                requests.add(sent.request());
            }
        }
        return requests;
    }

    /** Returns the recorded events of one type. */
    <T extends RegistrationEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Returns one parameter of the Authorization of {@code request}, or an empty string without one. */
    static String authorization(SipRequest request, String parameter) {
        List<AuthValue> credentials = request.authorization();
        return credentials.isEmpty() ? "" : credentials.get(0).param(parameter).orElse("");
    }

    private String summary() {
        StringBuilder out = new StringBuilder();
        for (RegistrationEvent event : events) {
            out.append("\n  ").append(event.getClass().getSimpleName());
            if (event instanceof RegistrationEvent.RequestSent sent) {
                out.append(" CSeq ").append(sent.request().cseq().sequence());
            } else if (event instanceof RegistrationEvent.ResponseReceived received) {
                out.append(' ').append(received.response());
            }
        }
        return out.toString();
    }

    @Override
    public void close() {
        scheduler.close();
        channel.close();
    }
}
