package io.parley.ua;

import static io.parley.ua.Registrations.authParam;
import static io.parley.ua.Registrations.challenge;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.Contact;
import io.parley.message.SipRequest;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class UnregisterTest {

    private final RegistrationHarness harness = new RegistrationHarness();
    private final ScriptedRegistrar registrar = harness.registrar;

    private CompletableFuture<Void> stop(RegistrationHarness target) {
        CompletableFuture<Void> stopped = target.client.stop();
        target.scheduler.runDue();
        return stopped;
    }

    @Test
    void stopSendsExpiresZeroWithOwnContact() {
        registrar.then(request -> Registrations.unauthorized(request, challenge("n-1")))
                .then(request -> Registrations.ok(request, 120)).then(Registrations::okEmpty);
        harness.start();

        CompletableFuture<Void> stopped = stop(harness);

        SipRequest unregister = registrar.request(2);
        assertThat(unregister.expires()).hasValue(0);
        assertThat(unregister.contacts()).extracting(Contact::format).containsExactly("<sip:23@127.0.0.1:5070>");
        assertThat(unregister.contacts().get(0).expires()).isEmpty();
        assertThat(unregister.cseq().sequence()).isEqualTo(3);
        assertThat(unregister.callId()).isEqualTo(registrar.request(0).callId());
        assertThat(authParam(unregister, "nc")).isEqualTo("00000002");
        assertThat(harness.last(RegistrationEvent.Unregistered.class).allBindings()).isFalse();
        assertThat(harness.events(RegistrationEvent.RequestSent.class).get(2).purpose())
                .isEqualTo(RegistrationEvent.Purpose.UNREGISTER);
        assertThat(stopped).isCompleted();
        assertThat(harness.scheduler.nextDelay()).isEmpty();
    }

    @Test
    void stopWithWildcardRemovesAllBindings() {
        RegistrationHarness all = new RegistrationHarness(
                RegistrationConfig.of(RegistrationHarness.AOR, RegistrationHarness.REGISTRAR, 120).withUnregisterAll(true));
        all.registrar.then(request -> Registrations.ok(request, 120)).then(Registrations::okEmpty);
        all.start();

        stop(all);

        SipRequest unregister = all.registrar.request(1);
        assertThat(unregister.contacts()).containsExactly(Contact.WILDCARD);
        assertThat(unregister.expires()).hasValue(0);
        assertThat(all.last(RegistrationEvent.Unregistered.class).allBindings()).isTrue();
    }

    @Test
    void unregisterAnswersChallenge() {
        registrar.then(request -> Registrations.ok(request, 120))
                .then(request -> Registrations.unauthorized(request, challenge("n-9")))
                .then(Registrations::okEmpty);
        harness.start();

        stop(harness);

        SipRequest retry = registrar.request(2);
        assertThat(retry.expires()).hasValue(0);
        assertThat(authParam(retry, "nonce")).isEqualTo("n-9");
        assertThat(retry.cseq().sequence()).isEqualTo(3);
        assertThat(harness.events(RegistrationEvent.Unregistered.class)).hasSize(1);
    }

    @Test
    void stopWaitsForRequestInFlight() {
        registrar.thenHold().then(Registrations::okEmpty);
        harness.start();

        CompletableFuture<Void> stopped = stop(harness);
        assertThat(stopped).isNotDone();
        registrar.held().complete(Registrations.ok(registrar.request(0), 120));
        harness.scheduler.runDue();

        assertThat(registrar.requests()).hasSize(2);
        assertThat(registrar.request(1).expires()).hasValue(0);
        assertThat(stopped).isCompleted();
    }

    @Test
    void stopWithoutBindingSendsNothing() {
        registrar.thenFail(new TimeoutException("Timer F"));
        harness.start();

        CompletableFuture<Void> stopped = stop(harness);
        harness.scheduler.advance(Duration.ofMinutes(10));

        assertThat(registrar.requests()).hasSize(1);
        assertThat(stopped).isCompleted();
        assertThat(harness.events(RegistrationEvent.Unregistered.class)).isEmpty();
    }

    @Test
    void unregisterTimeoutEndsStop() {
        registrar.then(request -> Registrations.ok(request, 120)).thenFail(new TimeoutException("Timer F"));
        harness.start();

        CompletableFuture<Void> stopped = stop(harness);
        harness.scheduler.advance(Duration.ofMinutes(10));

        assertThat(registrar.requests()).hasSize(2);
        assertThat(stopped).isCompleted();
        RegistrationEvent.Failed failed = harness.last(RegistrationEvent.Failed.class);
        assertThat(failed.retryIn()).isEmpty();
        assertThat(failed.failure().diagnosis()).startsWith("unregistration of");
    }

    @Test
    void stopCancelsPendingRefresh() {
        registrar.then(request -> Registrations.ok(request, 120)).then(Registrations::okEmpty);
        harness.start();
        stop(harness);

        harness.scheduler.advance(Duration.ofHours(1));

        assertThat(registrar.requests()).hasSize(2);
    }
}
