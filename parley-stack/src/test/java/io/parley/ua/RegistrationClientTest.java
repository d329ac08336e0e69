package io.parley.ua;

import static io.parley.ua.Registrations.authParam;
import static io.parley.ua.Registrations.challenge;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.Contact;
import io.parley.message.SipRequest;
import io.parley.message.SipUri;
import io.parley.message.Via;
import io.parley.ua.RegistrationEvent.Purpose;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RegistrationClientTest {

    private final RegistrationHarness harness = new RegistrationHarness();
    private final ScriptedRegistrar registrar = harness.registrar;

    private void registerWithChallenge() {
        registrar.then(request -> Registrations.unauthorized(request, challenge("156730866")))
                .then(request -> Registrations.ok(request, 120));
        harness.start();
    }

    @Test
    void answersProximitiChallengeWithQopAuth() {
        registerWithChallenge();

        SipRequest answer = registrar.request(1);
        assertThat(registrar.request(0).authorization()).isEmpty();
        assertThat(authParam(answer, "qop")).isEqualTo("auth");
        assertThat(authParam(answer, "nc")).isEqualTo("00000001");
        assertThat(authParam(answer, "cnonce")).isNotEmpty();
        assertThat(authParam(answer, "uri")).isEqualTo("sip:127.0.0.1:5060");
        assertThat(authParam(answer, "username")).isEqualTo("23");
        assertThat(authParam(answer, "response")).isEqualTo(Registrations.expectedResponse(answer));
    }

    @Test
    void keepsCallIdAndTagAndIncrementsCseq() {
        registerWithChallenge();

        SipRequest first = registrar.request(0);
        SipRequest second = registrar.request(1);
        assertThat(second.callId()).isEqualTo(first.callId());
        assertThat(second.from().tag()).isEqualTo(first.from().tag()).isPresent();
        assertThat(first.to().tag()).isEmpty();
        assertThat(first.cseq().sequence()).isEqualTo(1);
        assertThat(second.cseq().sequence()).isEqualTo(2);
        assertThat(first.requestUri()).isEqualTo(RegistrationHarness.REGISTRAR);
        assertThat(first.to().uri()).isEqualTo(RegistrationHarness.AOR);
    }

    @Test
    void sendsFreshBranchWithRport() {
        registerWithChallenge();

        Via first = registrar.request(0).topVia().orElseThrow();
        Via second = registrar.request(1).topVia().orElseThrow();
        assertThat(first.hasRfc3261Branch()).isTrue();
        assertThat(second.hasRfc3261Branch()).isTrue();
        assertThat(second.branch()).isNotEqualTo(first.branch());
        assertThat(first.hasRport()).isTrue();
        assertThat(first.host()).isEqualTo("127.0.0.1");
        assertThat(first.port()).isEqualTo(5070);
    }

    @Test
    void buildsContactFromLocalEndpoint() {
        registerWithChallenge();

        SipRequest first = registrar.request(0);
        assertThat(first.contacts()).hasSize(1);
        assertThat(first.contacts().get(0).format()).isEqualTo("<sip:23@127.0.0.1:5070>");
        assertThat(first.expires()).hasValue(120);
    }

    @Test
    void addsTransportParameterForTcp() {
        registrar.setEndpoint(new LocalEndpoint("TCP", "127.0.0.1", 5071));
        registrar.then(request -> Registrations.ok(request, 120));
        harness.start();

        assertThat(registrar.request(0).contacts().get(0).format()).isEqualTo("<sip:23@127.0.0.1:5071;transport=tcp>");
        assertThat(registrar.request(0).topVia().orElseThrow().transport()).isEqualTo("TCP");
    }

    @Test
    void correctsContactFromReceivedAndRport() {
        registrar.then(request -> {
            Via seen = request.topVia().orElseThrow().withReceived("203.0.113.7").withRport(40000);
            return Registrations.unauthorized(request, challenge("n1")).toBuilder().via(seen).build();
        }).then(request -> Registrations.ok(request, 120));
        harness.start();

        Contact corrected = registrar.request(1).contacts().get(0);
        assertThat(corrected.format()).isEqualTo("<sip:23@203.0.113.7:40000>");
        assertThat(harness.last(RegistrationEvent.Registered.class).contact()).isEqualTo(corrected);
    }

    @Test
    void movesBindingWhenOkRevealsAnotherAddress() {
        registrar.then(request -> {
            Via seen = request.topVia().orElseThrow().withReceived("203.0.113.7").withRport(40000);
            return Registrations.ok(request, 120).toBuilder().via(seen).build();
        }).then(request -> Registrations.ok(request, 120));
        harness.start();

        List<Contact> moved = registrar.request(1).contacts();
        assertThat(moved).extracting(Contact::format)
                .containsExactly("<sip:23@203.0.113.7:40000>", "<sip:23@127.0.0.1:5070>;expires=0");
        assertThat(harness.events(RegistrationEvent.Refreshed.class)).hasSize(1);
    }

    @Test
    void takesExpiryFromOwnContact() {
        registerWithChallenge();

        RegistrationEvent.Registered registered = harness.last(RegistrationEvent.Registered.class);
        assertThat(registered.expiresSeconds()).isEqualTo(120);
        assertThat(registered.refreshIn()).isEqualTo(Duration.ofSeconds(60));
        assertThat(registered.contact().format()).isEqualTo("<sip:23@127.0.0.1:5070>");
    }

    @Test
    void takesExpiryFromHeaderWhenContactHasNone() {
        registrar.then(request -> io.parley.message.SipResponse.forRequest(request, 200).toTag("reg")
                .contacts(request.contacts()).expires(90).build());
        harness.start();

        assertThat(harness.last(RegistrationEvent.Registered.class).expiresSeconds()).isEqualTo(90);
    }

    @Test
    void reportsChallengeMet() {
        registerWithChallenge();

        RegistrationEvent.ChallengeSummary met = harness.last(RegistrationEvent.Registered.class).challenge()
                .orElseThrow();
        assertThat(met.realm()).isEqualTo("proximiti");
        assertThat(met.algorithm()).isEqualTo("MD5");
        assertThat(met.qop()).hasValue("auth");
        assertThat(harness.last(RegistrationEvent.Challenged.class).statusCode()).isEqualTo(401);
    }

    @Test
    void refreshesWithPreemptiveCredentials() {
        registerWithChallenge();
        registrar.then(request -> Registrations.ok(request, 120)).then(request -> Registrations.ok(request, 120));

        harness.scheduler.advance(Duration.ofSeconds(59));
        assertThat(registrar.requests()).hasSize(2);
        harness.scheduler.advance(Duration.ofSeconds(1));
        assertThat(registrar.requests()).hasSize(3);
        harness.scheduler.advance(Duration.ofSeconds(60));
        assertThat(registrar.requests()).hasSize(4);

        SipRequest firstRefresh = registrar.request(2);
        SipRequest secondRefresh = registrar.request(3);
        assertThat(authParam(firstRefresh, "nc")).isEqualTo("00000002");
        assertThat(authParam(secondRefresh, "nc")).isEqualTo("00000003");
        assertThat(authParam(secondRefresh, "nonce")).isEqualTo("156730866");
        assertThat(authParam(secondRefresh, "cnonce")).isEqualTo(authParam(registrar.request(1), "cnonce"));
        assertThat(authParam(secondRefresh, "response")).isEqualTo(Registrations.expectedResponse(secondRefresh));
        assertThat(firstRefresh.cseq().sequence()).isEqualTo(3);
        assertThat(secondRefresh.cseq().sequence()).isEqualTo(4);
        assertThat(secondRefresh.callId()).isEqualTo(registrar.request(0).callId());
        assertThat(harness.events(RegistrationEvent.Refreshed.class)).hasSize(2);
        assertThat(harness.events(RegistrationEvent.Registered.class)).hasSize(1);
    }

    @Test
    void refreshesTenMinutesAheadOfLongExpiry() {
        registrar.then(request -> Registrations.ok(request, 3600));
        harness.start();

        assertThat(harness.last(RegistrationEvent.Registered.class).refreshIn()).isEqualTo(Duration.ofSeconds(3000));
        assertThat(harness.scheduler.nextDelay()).hasValue(Duration.ofSeconds(3000));
    }

    @Test
    void answersNewNonceOnRefreshOnce() {
        registerWithChallenge();
        registrar.then(request -> Registrations.unauthorized(request, challenge("rotated-2")))
                .then(request -> Registrations.ok(request, 120));

        harness.scheduler.advance(Duration.ofSeconds(60));

        SipRequest refresh = registrar.request(2);
        SipRequest retry = registrar.request(3);
        assertThat(authParam(refresh, "nc")).isEqualTo("00000002");
        assertThat(authParam(retry, "nonce")).isEqualTo("rotated-2");
        assertThat(authParam(retry, "nc")).isEqualTo("00000001");
        assertThat(authParam(retry, "cnonce")).isNotEqualTo(authParam(refresh, "cnonce"));
        assertThat(authParam(retry, "response")).isEqualTo(Registrations.expectedResponse(retry));
        assertThat(retry.cseq().sequence()).isEqualTo(4);
        assertThat(retry.expires()).hasValue(120);
        assertThat(harness.last(RegistrationEvent.Refreshed.class).expiresSeconds()).isEqualTo(120);
    }

    @Test
    void answersStaleNonceOnRefresh() {
        registerWithChallenge();
        registrar.then(request -> Registrations.unauthorized(request, Registrations.staleChallenge("fresh-3")))
                .then(request -> Registrations.ok(request, 120));

        harness.scheduler.advance(Duration.ofSeconds(60));

        SipRequest retry = registrar.request(3);
        assertThat(authParam(retry, "nonce")).isEqualTo("fresh-3");
        assertThat(authParam(retry, "nc")).isEqualTo("00000001");
        assertThat(retry.cseq().sequence()).isEqualTo(4);
        assertThat(harness.events(RegistrationEvent.Failed.class)).isEmpty();
        assertThat(harness.events(RegistrationEvent.Refreshed.class)).hasSize(1);
    }

    @Test
    void answersProxyChallengeWithProxyAuthorization() {
        registrar.then(request -> Registrations.proxyAuthenticationRequired(request, challenge("p-1")))
                .then(request -> Registrations.ok(request, 120));
        harness.start();

        SipRequest answer = registrar.request(1);
        assertThat(answer.authorization()).isEmpty();
        assertThat(answer.proxyAuthorization()).hasSize(1);
        assertThat(answer.proxyAuthorization().get(0).param("nc")).hasValue("00000001");
        assertThat(harness.events(RegistrationEvent.Registered.class)).hasSize(1);
    }

    @Test
    void keepsProxyCredentialsWhenRegistrarChallenges() {
        registrar.then(request -> Registrations.proxyAuthenticationRequired(request,
                        Registrations.challengeFor("proxy.example", "p-1")))
                .then(request -> Registrations.unauthorized(request, challenge("r-1")))
                .then(request -> Registrations.ok(request, 120))
                .then(request -> Registrations.ok(request, 120));
        harness.start();
        harness.scheduler.advance(Duration.ofSeconds(60));

        SipRequest answer = registrar.request(2);
        assertThat(answer.proxyAuthorization()).hasSize(1);
        assertThat(answer.proxyAuthorization().get(0).param("realm")).hasValue("proxy.example");
        assertThat(answer.proxyAuthorization().get(0).param("nc")).hasValue("00000002");
        assertThat(authParam(answer, "realm")).isEqualTo("proximiti");
        assertThat(authParam(answer, "nc")).isEqualTo("00000001");
        SipRequest refresh = registrar.request(3);
        assertThat(refresh.proxyAuthorization().get(0).param("nc")).hasValue("00000003");
        assertThat(authParam(refresh, "nc")).isEqualTo("00000002");
        assertThat(harness.events(RegistrationEvent.Refreshed.class)).hasSize(1);
    }

    @Test
    void emitsRequestAndResponseEventsInOrder() {
        registerWithChallenge();

        assertThat(harness.events).extracting(event -> event.getClass().getSimpleName()).containsExactly(
                "RequestSent", "ResponseReceived", "Challenged", "RequestSent", "ResponseReceived", "Registered");
        RegistrationEvent.RequestSent retry = harness.events(RegistrationEvent.RequestSent.class).get(1);
        assertThat(retry.purpose()).isEqualTo(Purpose.REGISTER);
        assertThat(retry.retry()).isEqualTo(Optional.of(401));
    }

    @Test
    void restartUsesNewCallId() {
        registrar.then(request -> Registrations.ok(request, 120)).then(Registrations::okEmpty)
                .then(request -> Registrations.ok(request, 120));
        harness.start();
        harness.client.stop();
        harness.scheduler.runDue();

        harness.start();

        assertThat(registrar.requests()).hasSize(3);
        assertThat(registrar.request(2).callId()).isNotEqualTo(registrar.request(0).callId());
        assertThat(registrar.request(2).cseq().sequence()).isEqualTo(1);
    }

    @Test
    void keepsAddressOfRecordInToAndFrom() {
        registrar.then(request -> Registrations.ok(request, 120));
        harness.start();

        SipUri from = (SipUri) registrar.request(0).from().uri();
        assertThat(from).isEqualTo(RegistrationHarness.AOR);
        assertThat(registrar.request(0).userAgent()).hasValue(RegistrationConfig.DEFAULT_USER_AGENT);
    }
}
