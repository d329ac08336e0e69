package io.parley.ua;

import static io.parley.ua.Registrations.challenge;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.RetryAfter;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.Warning;
import io.parley.parser.HeaderChecks;
import io.parley.parser.MessageParseResult;
import io.parley.parser.SipParser;
import io.parley.ua.RegistrationFailure.Kind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class RegistrationFailureTest {

    private final RegistrationHarness harness = new RegistrationHarness();
    private final ScriptedRegistrar registrar = harness.registrar;

    private static SipResponse intervalTooBrief(SipRequest request, long minExpires) {
        return SipResponse.forRequest(request, 423).toTag("reg").minExpires(minExpires).build();
    }

    @Test
    void wrongPasswordNamesUserAndRealm() {
        RegistrationHarness wrong = new RegistrationHarness(
                RegistrationConfig.of(RegistrationHarness.AOR, RegistrationHarness.REGISTRAR, 120), "wrong");
        wrong.registrar.then(request -> Registrations.unauthorized(request, challenge("n-1")))
                .then(request -> Registrations.unauthorized(request, challenge("n-1")));
        wrong.start();
        wrong.scheduler.advance(Duration.ofHours(1));

        RegistrationEvent.Failed failed = wrong.last(RegistrationEvent.Failed.class);
        assertThat(wrong.registrar.requests()).hasSize(2);
        assertThat(failed.retryIn()).isEmpty();
        assertThat(failed.failure().kind()).isEqualTo(Kind.AUTHENTICATION_FAILED);
        assertThat(failed.failure().diagnosis()).contains("user \"23\"").contains("realm \"proximiti\"")
                .contains("401 Unauthorized").doesNotContain("wrong");
        assertThat(wrong.events(RegistrationEvent.Registered.class)).isEmpty();
    }

    @Test
    void newNonceBeforeAcceptanceFails() {
        registrar.then(request -> Registrations.unauthorized(request, challenge("n-1")))
                .then(request -> Registrations.unauthorized(request, challenge("n-2")));
        harness.start();

        assertThat(registrar.requests()).hasSize(2);
        assertThat(harness.last(RegistrationEvent.Failed.class).failure().kind()).isEqualTo(Kind.AUTHENTICATION_FAILED);
    }

    @Test
    void challengeWithoutDigestFailsWithoutResend() {
        registrar.then(request -> SipResponse.forRequest(request, 401).toTag("reg").build());
        harness.start();

        assertThat(registrar.requests()).hasSize(1);
        RegistrationFailure failure = harness.last(RegistrationEvent.Failed.class).failure();
        assertThat(failure.kind()).isEqualTo(Kind.AUTHENTICATION_FAILED);
        assertThat(failure.diagnosis()).contains("WWW-Authenticate");
    }

    @Test
    void malformedChallengeFailsAuthentication() {
        registrar.then(request -> receivedWithLine(SipResponse.forRequest(request, 401).toTag("reg").build(),
                "WWW-Authenticate: Digest realm=\"proximiti\" nonce=\"n-1\""));
        harness.start();

        assertThat(registrar.requests()).hasSize(1);
        RegistrationFailure failure = harness.last(RegistrationEvent.Failed.class).failure();
        assertThat(failure.kind()).isEqualTo(Kind.AUTHENTICATION_FAILED);
        assertThat(failure.diagnosis()).contains("401 Unauthorized").contains("malformed WWW-Authenticate header");
    }

    @Test
    void malformedExpiresInSuccessIsIgnored() {
        registrar.then(request -> receivedWithLine(SipResponse.forRequest(request, 200).toTag("reg").build(),
                "Expires: soon"));
        harness.start();

        assertThat(harness.events(RegistrationEvent.Failed.class)).isEmpty();
        assertThat(harness.events(RegistrationEvent.Registered.class)).hasSize(1);
    }

    @Test
    void malformedRetryAfterLeavesBackoff() {
        registrar.then(request -> receivedWithLine(SipResponse.forRequest(request, 503).toTag("reg").build(),
                "Retry-After: soon"));
        harness.start();

        RegistrationEvent.Failed failed = harness.last(RegistrationEvent.Failed.class);
        assertThat(failed.failure().kind()).isEqualTo(Kind.SERVICE_UNAVAILABLE);
        assertThat(failed.retryIn()).isPresent();
    }

    /** Returns {@code response} with {@code line} added, parsed as the stack parses what it receives. */
    private static SipResponse receivedWithLine(SipResponse response, String line) {
        String text = new String(response.toBytes(), StandardCharsets.UTF_8).replace("\r\n\r\n", "\r\n" + line + "\r\n\r\n");
        MessageParseResult result = SipParser.parseDatagram(text.getBytes(StandardCharsets.UTF_8), HeaderChecks.CORE);
        assertThat(result).as("%s", result).isInstanceOf(MessageParseResult.Parsed.class);
        return (SipResponse) ((MessageParseResult.Parsed) result).message();
    }

    @Test
    void retriesOnceWithMinExpires() {
        registrar.then(request -> intervalTooBrief(request, 300)).then(request -> Registrations.ok(request, 300));
        harness.start();

        SipRequest retry = registrar.request(1);
        assertThat(retry.expires()).hasValue(300);
        assertThat(retry.cseq().sequence()).isEqualTo(2);
        assertThat(retry.callId()).isEqualTo(registrar.request(0).callId());
        assertThat(harness.last(RegistrationEvent.Registered.class).expiresSeconds()).isEqualTo(300);
        assertThat(harness.events(RegistrationEvent.RequestSent.class).get(1).retry()).hasValue(423);
    }

    @Test
    void retryAfterIntervalTooBriefKeepsCredentials() {
        registrar.then(request -> Registrations.unauthorized(request, challenge("n-423")))
                .then(request -> intervalTooBrief(request, 300)).then(request -> Registrations.ok(request, 300));
        harness.start();

        SipRequest retry = registrar.request(2);
        assertThat(retry.expires()).hasValue(300);
        assertThat(Registrations.authParam(retry, "nonce")).isEqualTo("n-423");
        assertThat(Registrations.authParam(retry, "nc")).isEqualTo("00000002");
        assertThat(Registrations.authParam(retry, "response")).isEqualTo(Registrations.expectedResponse(retry));
        assertThat(harness.events(RegistrationEvent.Registered.class)).hasSize(1);
    }

    @Test
    void keepsRaisedExpiryForRefreshes() {
        registrar.then(request -> intervalTooBrief(request, 300)).then(request -> Registrations.ok(request, 300))
                .then(request -> Registrations.ok(request, 300));
        harness.start();
        harness.scheduler.advance(Duration.ofSeconds(150));

        assertThat(registrar.request(2).expires()).hasValue(300);
    }

    @Test
    void secondIntervalTooBriefFails() {
        registrar.then(request -> intervalTooBrief(request, 300)).then(request -> intervalTooBrief(request, 600));
        harness.start();
        harness.scheduler.advance(Duration.ofHours(1));

        assertThat(registrar.requests()).hasSize(2);
        RegistrationEvent.Failed failed = harness.last(RegistrationEvent.Failed.class);
        assertThat(failed.failure().kind()).isEqualTo(Kind.INTERVAL_TOO_BRIEF);
        assertThat(failed.failure().diagnosis()).contains("second 423");
        assertThat(failed.retryIn()).isEmpty();
    }

    @Test
    void intervalTooBriefWithoutMinExpiresFails() {
        registrar.then(request -> SipResponse.forRequest(request, 423).toTag("reg").build());
        harness.start();

        assertThat(registrar.requests()).hasSize(1);
        assertThat(harness.last(RegistrationEvent.Failed.class).failure().diagnosis()).contains("no Min-Expires");
    }

    @Test
    void forbiddenReportsStatusLineWarningAndReason() {
        registrar.then(request -> SipResponse.forRequest(request, 403).toTag("reg")
                .addWarning(new Warning(399, "registrar.example", "qop required"))
                .header(ResponseDiagnosis.REASON, "SIP;cause=403;text=\"answer without qop\"").build());
        harness.start();
        harness.scheduler.advance(Duration.ofHours(1));

        assertThat(registrar.requests()).hasSize(1);
        RegistrationEvent.Failed failed = harness.last(RegistrationEvent.Failed.class);
        RegistrationFailure failure = failed.failure();
        assertThat(failed.retryIn()).isEmpty();
        assertThat(failure.kind()).isEqualTo(Kind.REFUSED);
        assertThat(failure.statusCode()).hasValue(403);
        assertThat(failure.diagnosis()).contains("403 Forbidden");
        assertThat(failure.details()).containsExactly("Warning: 399 registrar.example \"qop required\"",
                "Reason: SIP;cause=403;text=\"answer without qop\"");
    }

    @Test
    void notFoundIsFinal() {
        registrar.then(request -> SipResponse.forRequest(request, 404).toTag("reg").build());
        harness.start();
        harness.scheduler.advance(Duration.ofHours(1));

        assertThat(registrar.requests()).hasSize(1);
        assertThat(harness.last(RegistrationEvent.Failed.class).failure().diagnosis()).contains("404 Not Found");
    }

    @Test
    void timeoutBacksOffAndRetries() {
        registrar.thenFail(new TimeoutException("no final response within Timer F (32 s)"))
                .thenFail(new TimeoutException("no final response within Timer F (32 s)"))
                .then(request -> Registrations.ok(request, 120));
        harness.start();

        RegistrationEvent.Failed first = harness.last(RegistrationEvent.Failed.class);
        assertThat(first.failure().kind()).isEqualTo(Kind.TIMEOUT);
        assertThat(first.failure().diagnosis()).contains("timed out");
        assertThat(first.retryIn()).hasValue(Duration.ofSeconds(1));

        harness.scheduler.advance(Duration.ofSeconds(1));
        assertThat(registrar.requests()).hasSize(2);
        assertThat(harness.last(RegistrationEvent.Failed.class).retryIn()).hasValue(Duration.ofSeconds(2));

        harness.scheduler.advance(Duration.ofSeconds(2));
        assertThat(registrar.requests()).hasSize(3);
        assertThat(registrar.request(2).callId()).isEqualTo(registrar.request(0).callId());
        assertThat(registrar.request(2).cseq().sequence()).isEqualTo(3);
        assertThat(harness.events(RegistrationEvent.Registered.class)).hasSize(1);
    }

    @Test
    void networkErrorBacksOff() {
        registrar.thenFail(new IOException("connection refused: 127.0.0.1:5060"));
        harness.start();

        RegistrationEvent.Failed failed = harness.last(RegistrationEvent.Failed.class);
        assertThat(failed.failure().kind()).isEqualTo(Kind.NETWORK);
        assertThat(failed.failure().diagnosis()).contains("connection refused");
        assertThat(failed.retryIn()).isPresent();
    }

    @Test
    void serviceUnavailableHonoursRetryAfter() {
        registrar.then(request -> SipResponse.forRequest(request, 503).toTag("reg")
                .retryAfter(RetryAfter.ofSeconds(30)).build()).then(request -> Registrations.ok(request, 120));
        harness.start();

        assertThat(harness.last(RegistrationEvent.Failed.class).retryIn()).hasValue(Duration.ofSeconds(30));
        harness.scheduler.advance(Duration.ofSeconds(29));
        assertThat(registrar.requests()).hasSize(1);
        harness.scheduler.advance(Duration.ofSeconds(1));
        assertThat(registrar.requests()).hasSize(2);
        assertThat(harness.events(RegistrationEvent.Registered.class)).hasSize(1);
    }

    @Test
    void serviceUnavailableWithZeroRetryAfterBacksOff() {
        registrar.then(request -> SipResponse.forRequest(request, 503).toTag("reg")
                .retryAfter(RetryAfter.ofSeconds(0)).build()).then(request -> Registrations.ok(request, 120));
        harness.start();

        // Backoff.DEFAULT waits 2 s after the first failure, halved by the harness's jitter of 0.
        assertThat(harness.last(RegistrationEvent.Failed.class).retryIn()).hasValue(Duration.ofSeconds(1));
        assertThat(registrar.requests()).hasSize(1);
        harness.scheduler.advance(Duration.ofSeconds(1));
        assertThat(registrar.requests()).hasSize(2);
        assertThat(harness.events(RegistrationEvent.Registered.class)).hasSize(1);
    }

    @Test
    void failedRefreshRetriesWhileBindingValid() {
        registrar.then(request -> Registrations.ok(request, 120))
                .thenFail(new TimeoutException("Timer F"))
                .then(request -> Registrations.ok(request, 120));
        harness.start();
        harness.scheduler.advance(Duration.ofSeconds(60));
        harness.scheduler.advance(Duration.ofSeconds(1));

        assertThat(registrar.requests()).hasSize(3);
        assertThat(harness.events(RegistrationEvent.RequestSent.class).get(2).purpose())
                .isEqualTo(RegistrationEvent.Purpose.REFRESH);
        assertThat(harness.events(RegistrationEvent.Refreshed.class)).hasSize(1);
    }

    @Test
    void reregistersAfterBindingLapsed() {
        registrar.then(request -> Registrations.ok(request, 10)).thenHold()
                .then(request -> Registrations.ok(request, 10));
        harness.start();
        harness.scheduler.advance(Duration.ofSeconds(5));
        harness.scheduler.advance(Duration.ofSeconds(32));
        registrar.held().completeExceptionally(new TimeoutException("Timer F"));
        harness.scheduler.advance(Duration.ofSeconds(1));

        assertThat(registrar.requests()).hasSize(3);
        assertThat(harness.events(RegistrationEvent.RequestSent.class).get(2).purpose())
                .isEqualTo(RegistrationEvent.Purpose.REGISTER);
        assertThat(harness.events(RegistrationEvent.Registered.class)).hasSize(2);
    }

    @Test
    void refusedRefreshIsNotRetried() {
        registrar.then(request -> Registrations.ok(request, 120))
                .then(request -> SipResponse.forRequest(request, 403).toTag("reg").build());
        harness.start();
        harness.scheduler.advance(Duration.ofHours(2));

        assertThat(registrar.requests()).hasSize(2);
        assertThat(harness.last(RegistrationEvent.Failed.class).failure().diagnosis()).startsWith("refresh of");
        assertThat(harness.scheduler.nextDelay()).isEqualTo(Optional.empty());
    }
}
