package io.parley.ua;

import io.parley.auth.ClientPolicy;
import io.parley.auth.CredentialsProvider;
import io.parley.auth.DigestClient;
import io.parley.auth.DigestCredentials;
import io.parley.message.SipUri;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/** A registration client wired to a scripted registrar and a manual scheduler, recording its events. */
final class RegistrationHarness {

    static final SipUri AOR = SipUri.of(Registrations.USER, "proximiti.example");
    static final SipUri REGISTRAR = SipUri.of("", "127.0.0.1", 5060);

    final ManualScheduler scheduler = new ManualScheduler();
    final ScriptedRegistrar registrar = new ScriptedRegistrar();
    final List<RegistrationEvent> events = new ArrayList<>();
    final RegistrationClient client;

    RegistrationHarness() {
        this(RegistrationConfig.of(AOR, REGISTRAR, 120));
    }

    RegistrationHarness(RegistrationConfig config) {
        this(config, Registrations.PASSWORD);
    }

    RegistrationHarness(RegistrationConfig config, String password) {
        DigestClient digest = new DigestClient(
                CredentialsProvider.forAnyRealm(new DigestCredentials(Registrations.USER, password)),
                ClientPolicy.DEFAULT, new SecureRandom());
        // A jitter of 0 scales every backoff wait to half its unscaled value.
        client = new RegistrationClient(config, registrar, digest, scheduler, events::add, () -> 0.0);
    }

    /** Starts the client and runs everything due. */
    void start() {
        client.start();
        scheduler.runDue();
    }

    /** Returns the events of one type, in order. */
    <T extends RegistrationEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Returns the last event of one type. */
    <T extends RegistrationEvent> T last(Class<T> type) {
        List<T> matching = events(type);
        if (matching.isEmpty()) {
            throw new AssertionError("no " + type.getSimpleName() + " event among " + events);
        }
        return matching.get(matching.size() - 1);
    }
}
