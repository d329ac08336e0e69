package io.parley.ua;

import io.parley.auth.AuthDecision;
import io.parley.auth.Challenged;
import io.parley.auth.CredentialsHeader;
import io.parley.auth.DigestClient;
import io.parley.message.AuthValue;
import io.parley.message.Contact;
import io.parley.message.HeaderName;
import io.parley.message.MalformedHeaderException;
import io.parley.message.Method;
import io.parley.message.Parameter;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.ua.RegistrationEvent.ChallengeSummary;
import io.parley.ua.RegistrationEvent.Purpose;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one address-of-record registered with a registrar (RFC 3261 section 10.2) until stopped.
 *
 * <ul>
 *   <li>Every REGISTER of one run shares a Call-ID and From tag; CSeq grows by one on every request,
 *       retries included; each request is a new client transaction with a fresh branch.</li>
 *   <li>The Contact is the local endpoint of the channel, corrected to the {@code received} and
 *       {@code rport} a registrar reports in the top Via of its responses.</li>
 *   <li>The granted expiry is the {@code expires} parameter of our own Contact in the 200, else its
 *       Expires header; other bindings are ignored. The refresh follows {@link RefreshTiming}.</li>
 *   <li>401 and 407 go to the {@link DigestClient}, whose retry rules end every challenge sequence;
 *       later requests carry its credentials pre-emptively. A 423 is retried once with its
 *       Min-Expires.</li>
 *   <li>Timeouts, network errors, 408 and 503 are retried after {@link Backoff}, or later when
 *       Retry-After asks; any other failure ends the registration with a
 *       {@link RegistrationEvent.Failed} that has no retry.</li>
 *   <li>{@link #stop()} removes our binding with Expires: 0, or all bindings with {@code Contact: *}.</li>
 * </ul>
 *
 * <p>All work runs on the {@link TaskScheduler}'s thread, and so do the listener calls.
 *
 * <pre>{@code
 * try (StackRequestChannel channel = StackRequestChannel.open(Transport.UDP, registrarAddress, 0,
 *         StackSettings.DEFAULTS, MessageTraceListener.NONE);
 *         ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler("registration")) {
 *     DigestClient digest = new DigestClient(CredentialsProvider.forAnyRealm(
 *             new DigestCredentials("alice", password)), ClientPolicy.DEFAULT, new SecureRandom());
 *     RegistrationClient client = new RegistrationClient(
 *             RegistrationConfig.of(SipUri.of("alice", "example.com"), SipUri.of("", "example.com"), 3600),
 *             channel, digest, scheduler, event -> System.out.println(event));
 *     client.start();
 *     ...
 *     client.stop().get();
 * }
 * }</pre>
 */
public final class RegistrationClient {

    /**
     * Challenges answered for one request before giving up. The digest client already stops
     * after its own limits (a first answer, two stale nonces, one nonce rotation); this cap only
     * guards against an endless series of new realms.
     */
    static final int MAX_CHALLENGES_PER_REQUEST = 5;

    private static final Logger LOG = LoggerFactory.getLogger(RegistrationClient.class);
    private static final byte[] NO_BODY = new byte[0];

    private final RegistrationConfig config;
    private final RequestChannel channel;
    private final DigestClient digest;
    private final TaskScheduler scheduler;
    private final RegistrationListener listener;
    private final DoubleSupplier jitter;
    private final SecureRandom random = new SecureRandom();
    private final AtomicBoolean running = new AtomicBoolean();

    // Everything below is touched only on the scheduler thread.
    private RegisterRequests requests;
    private LocalEndpoint contactEndpoint;
    private long requestedExpires;
    private Contact boundContact;
    private Instant bindingExpiresAt;
    private Optional<ChallengeSummary> lastChallenge = Optional.empty();
    private int consecutiveFailures;
    private Attempt attempt;
    private boolean inFlight;
    private long generation;
    private TaskScheduler.ScheduledTask timer;
    private CompletableFuture<Void> stopped;

    /**
     * Creates a client; nothing is sent before {@link #start()}.
     *
     * @param digest the digest client holding the account's credentials, used for this registration only
     */
    public RegistrationClient(RegistrationConfig config, RequestChannel channel, DigestClient digest,
            TaskScheduler scheduler, RegistrationListener listener) {
        this(config, channel, digest, scheduler, listener, Math::random);
    }

    /** Creates a client whose backoff scaling comes from {@code jitter}, values in [0, 1); for tests. */
    RegistrationClient(RegistrationConfig config, RequestChannel channel, DigestClient digest, TaskScheduler scheduler,
            RegistrationListener listener, DoubleSupplier jitter) {
        this.config = Objects.requireNonNull(config, "config");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.digest = Objects.requireNonNull(digest, "digest");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.jitter = Objects.requireNonNull(jitter, "jitter");
    }

    /**
     * Starts registering. A start after {@link #stop()} completed begins a new registration with a
     * new Call-ID.
     *
     * @throws IllegalStateException if the client is running; after a final failure, stop it first
     */
    public void start() {
        if (!running.compareAndSet(false, true)) {
            throw new IllegalStateException("registration of " + config.addressOfRecord().format()
                    + " is already running; stop it before starting again");
        }
        scheduler.execute(this::begin);
    }

    /**
     * Stops registering: waits for a REGISTER in flight, then removes the binding when one is
     * valid. The future completes when the client is idle again, whether or not the removal
     * succeeded; the events report which.
     */
    public CompletableFuture<Void> stop() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        scheduler.execute(() -> beginStop(result));
        return result;
    }

    private void begin() {
        requests = new RegisterRequests(config, random);
        contactEndpoint = channel.localEndpoint();
        requestedExpires = config.expiresSeconds();
        boundContact = null;
        bindingExpiresAt = null;
        lastChallenge = Optional.empty();
        consecutiveFailures = 0;
        stopped = null;
        LOG.info("registering {} with {} (Call-ID {})", config.addressOfRecord().format(), config.registrar().format(),
                requests.callId());
        beginAttempt(Purpose.REGISTER);
    }

    private void beginStop(CompletableFuture<Void> result) {
        if (stopped != null) {
            stopped.whenComplete((ignored, error) -> result.complete(null));
            return;
        }
        stopped = result;
        cancelTimer();
        if (requests == null) {
            finishStopped();
        } else if (!inFlight) {
            stopOrUnregister();
        }
        // With a request in flight, its outcome continues the stop.
    }

    private void stopOrUnregister() {
        if (bindingValid()) {
            beginAttempt(Purpose.UNREGISTER);
        } else {
            finishStopped();
        }
    }

    // Sending.

    private void beginAttempt(Purpose purpose) {
        timer = null;
        attempt = new Attempt(purpose);
        send(digest.preemptive(Method.REGISTER.name(), registrarUri(), NO_BODY), Optional.empty());
    }

    private void send(List<AuthDecision.Send> credentials, Optional<Integer> retryOf) {
        List<Contact> contacts = contactsFor(attempt.purpose);
        long expires = attempt.purpose == Purpose.UNREGISTER ? 0 : requestedExpires;
        SipRequest request = requests.next(channel.localEndpoint(), contacts, expires, credentials);
        attempt.sent(contacts, credentials);
        inFlight = true;
        long sentGeneration = ++generation;
        LOG.debug("sending REGISTER CSeq {} ({}) for {}", request.cseq().sequence(), attempt.purpose,
                config.addressOfRecord().format());
        listener.onEvent(new RegistrationEvent.RequestSent(request, attempt.purpose, retryOf));

        CompletableFuture<SipResponse> outcome;
        try {
            outcome = channel.send(request);
        } catch (RuntimeException e) {
            // A channel that throws instead of failing its future is treated as a transport failure.
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.whenComplete((response, error) -> scheduler.execute(() -> onOutcome(sentGeneration, response, error)));
    }

    private List<Contact> contactsFor(Purpose purpose) {
        if (purpose == Purpose.UNREGISTER) {
            if (config.unregisterAll()) {
                return List.of(Contact.WILDCARD);
            }
            Contact own = boundContact != null ? boundContact : ownContact();
            return List.of(ContactAddresses.withoutExpires(own));
        }
        Contact own = ownContact();
        if (boundContact != null && bindingValid() && !boundContact.equals(own)) {
            // The registrar saw another address than the one we bound: move the binding in one request.
            Contact old = Contact.of(boundContact.address().withParameter(new Parameter("expires", "0")));
            return List.of(own, old);
        }
        return List.of(own);
    }

    private Contact ownContact() {
        return ContactAddresses.contactFor(config.addressOfRecord().user(), contactEndpoint);
    }

    // Receiving.

    private void onOutcome(long sentGeneration, SipResponse response, Throwable error) {
        if (sentGeneration != generation) {
            return;
        }
        inFlight = false;
        if (error != null) {
            onTransportFailure(unwrap(error));
            return;
        }
        listener.onEvent(new RegistrationEvent.ResponseReceived(response));
        learnAddress(response);
        if (stopped != null && attempt.purpose != Purpose.UNREGISTER && !response.isSuccess()) {
            stopOrUnregister();
            return;
        }
        dispatch(response);
    }

    private void dispatch(SipResponse response) {
        try {
            dispatchByStatus(response);
        } catch (MalformedHeaderException e) {
            onFinalFailure(ResponseDiagnosis.of(malformedKind(e.header()), failurePrefix() + " got "
                    + ResponseDiagnosis.statusLine(response) + " with a malformed " + e.header() + " header ("
                    + e.reason() + ")", response));
        }
    }

    /** Returns the failure kind for a response whose {@code header} is malformed. */
    private static RegistrationFailure.Kind malformedKind(HeaderName header) {
        if (header.equals(HeaderName.WWW_AUTHENTICATE) || header.equals(HeaderName.PROXY_AUTHENTICATE)
                || header.equals(HeaderName.AUTHENTICATION_INFO)) {
            return RegistrationFailure.Kind.AUTHENTICATION_FAILED;
        }
        return header.equals(HeaderName.MIN_EXPIRES) ? RegistrationFailure.Kind.INTERVAL_TOO_BRIEF
                : RegistrationFailure.Kind.REFUSED;
    }

    private void dispatchByStatus(SipResponse response) {
        int status = response.statusCode();
        if (response.isSuccess()) {
            onSuccess(response);
        } else if (status == 401 || status == 407) {
            onChallenge(response);
        } else if (status == 423) {
            onIntervalTooBrief(response);
        } else if (status == 503) {
            onTransientFailure(ResponseDiagnosis.of(RegistrationFailure.Kind.SERVICE_UNAVAILABLE,
                    failurePrefix() + " is unavailable", response), retryAfter(response));
        } else if (status == 408) {
            onTransientFailure(ResponseDiagnosis.of(RegistrationFailure.Kind.TIMEOUT,
                    failurePrefix() + " timed out at the registrar", response), Optional.empty());
        } else {
            onFinalFailure(ResponseDiagnosis.of(RegistrationFailure.Kind.REFUSED,
                    failurePrefix() + " was refused", response));
        }
    }

    private void learnAddress(SipResponse response) {
        response.topVia().flatMap(via -> ContactAddresses.observedBy(via, contactEndpoint)).ifPresent(observed -> {
            if (!observed.equals(contactEndpoint)) {
                LOG.info("registrar {} sees us at {}:{}; using that address in Contact", config.registrar().format(),
                        observed.host(), observed.port());
                contactEndpoint = observed;
            }
        });
    }

    private void onSuccess(SipResponse response) {
        Optional<AuthDecision.GiveUp> proofFailure = acceptCredentials(response);
        if (proofFailure.isPresent()) {
            onFinalFailure(ResponseDiagnosis.of(RegistrationFailure.Kind.AUTHENTICATION_FAILED,
                    failurePrefix() + " was accepted, but " + proofFailure.get().message(), response));
            return;
        }
        if (attempt.purpose == Purpose.UNREGISTER) {
            finishUnregistered();
            return;
        }
        Contact sent = attempt.contacts.get(0);
        long granted = grantedExpiry(response, sent);
        if (granted == 0) {
            onFinalFailure(ResponseDiagnosis.of(RegistrationFailure.Kind.REFUSED,
                    failurePrefix() + " was answered with an expiry of 0 s for " + sent.format()
                            + ", so no binding exists", response));
            return;
        }
        onBound(sent, granted);
    }

    private void onBound(Contact sent, long granted) {
        boolean refreshed = bindingValid();
        boundContact = sent;
        bindingExpiresAt = scheduler.now().plusSeconds(granted);
        consecutiveFailures = 0;
        Duration refreshIn = RefreshTiming.refreshDelay(granted);
        if (refreshed) {
            LOG.debug("refreshed {} for {} s", config.addressOfRecord().format(), granted);
            listener.onEvent(new RegistrationEvent.Refreshed(granted, refreshIn));
        } else {
            LOG.info("registered {} at {} for {} s", config.addressOfRecord().format(), sent.format(), granted);
            listener.onEvent(new RegistrationEvent.Registered(granted, sent, refreshIn, lastChallenge));
        }
        if (stopped != null) {
            beginAttempt(Purpose.UNREGISTER);
        } else if (!ownContact().equals(sent)) {
            beginAttempt(Purpose.REFRESH);
        } else {
            timer = scheduler.schedule(refreshIn, () -> beginAttempt(Purpose.REFRESH));
        }
    }

    private Optional<AuthDecision.GiveUp> acceptCredentials(SipResponse response) {
        for (CredentialsHeader header : attempt.credentialHeaders) {
            Optional<AuthDecision.GiveUp> failure = digest.onAccepted(header, response.authenticationInfo(),
                    response.body());
            if (failure.isPresent()) {
                return failure;
            }
        }
        return Optional.empty();
    }

    private long grantedExpiry(SipResponse response, Contact sent) {
        OptionalLong own = ContactAddresses.findOwn(response.contacts(), sent)
                .map(Contact::expires).orElse(OptionalLong.empty());
        if (own.isPresent()) {
            return own.getAsLong();
        }
        OptionalLong header = expiresHeader(response);
        if (header.isPresent()) {
            return header.getAsLong();
        }
        // NOTE: a 200 without our Contact and without Expires breaks RFC 3261 section 10.3 step 8;
        // the requested expiry is the best guess left.
        LOG.warn("registrar {} granted no expiry for {}; assuming the requested {} s", config.registrar().format(),
                sent.format(), requestedExpires);
        return requestedExpires;
    }

    private void onChallenge(SipResponse response) {
        int status = response.statusCode();
        if (attempt.challenges >= MAX_CHALLENGES_PER_REQUEST) {
            onFinalFailure(ResponseDiagnosis.of(RegistrationFailure.Kind.AUTHENTICATION_FAILED, failurePrefix()
                    + " was challenged " + (attempt.challenges + 1) + " times in a row; giving up", response));
            return;
        }
        attempt.challenges++;
        List<AuthDecision.Send> otherHeader = credentialsBesides(CredentialsHeader.forStatus(status));
        List<AuthValue> offered = status == 401 ? response.wwwAuthenticate() : response.proxyAuthenticate();
        AuthDecision decision = digest.authenticate(
                new Challenged(status, offered, Method.REGISTER.name(), registrarUri(), NO_BODY));
        switch (decision) {
            case AuthDecision.Send send -> {
                ChallengeSummary summary = summarize(send.values().get(0));
                lastChallenge = Optional.of(summary);
                LOG.debug("answering {} from realm \"{}\" with {}", status, summary.realm(), summary.algorithm());
                listener.onEvent(new RegistrationEvent.Challenged(status, summary));
                List<AuthDecision.Send> credentials = new ArrayList<>(otherHeader);
                credentials.add(send);
                send(credentials, Optional.of(status));
            }
            case AuthDecision.GiveUp giveUp -> onFinalFailure(ResponseDiagnosis.of(
                    RegistrationFailure.Kind.AUTHENTICATION_FAILED, failurePrefix() + " failed authentication ("
                            + giveUp.message() + ")", response));
        }
    }

    /**
     * Returns the credentials of the other header to keep on the retry: a proxy that challenged
     * with 407 stays satisfied only while each request carries its Proxy-Authorization. A 401 to a
     * request with Proxy-Authorization comes from the registrar behind the proxy, so the proxy
     * accepted those credentials. Call before {@link DigestClient#authenticate}, because
     * {@link DigestClient#preemptive} resets which credentials the client counts as last sent.
     */
    private List<AuthDecision.Send> credentialsBesides(CredentialsHeader challenged) {
        if (challenged == CredentialsHeader.AUTHORIZATION
                && attempt.credentialHeaders.contains(CredentialsHeader.PROXY_AUTHORIZATION)) {
            digest.onAccepted(CredentialsHeader.PROXY_AUTHORIZATION, Optional.empty(), NO_BODY);
        }
        List<AuthDecision.Send> kept = new ArrayList<>();
        for (AuthDecision.Send send : digest.preemptive(Method.REGISTER.name(), registrarUri(), NO_BODY)) {
            if (send.header() != challenged) {
                kept.add(send);
            }
        }
        return kept;
    }

    private void onIntervalTooBrief(SipResponse response) {
        OptionalLong minimum = response.minExpires();
        String problem = null;
        if (attempt.purpose == Purpose.UNREGISTER) {
            problem = "an unregister cannot raise its expiry of 0 s";
        } else if (minimum.isEmpty()) {
            problem = "the 423 has no Min-Expires, so there is no expiry to retry with";
        } else if (attempt.intervalRetried) {
            problem = "a second 423 after retrying with Min-Expires " + requestedExpires + " s";
        } else if (minimum.getAsLong() <= requestedExpires) {
            problem = "Min-Expires " + minimum.getAsLong() + " s is not above the requested " + requestedExpires + " s";
        }
        if (problem != null) {
            onFinalFailure(ResponseDiagnosis.of(RegistrationFailure.Kind.INTERVAL_TOO_BRIEF,
                    failurePrefix() + " was refused as too brief (" + problem + ")", response));
            return;
        }
        // A registrar checks credentials before the expiry (RFC 3261 section 10.3, steps 2 and 7), so
        // a 423 to a request with credentials accepted them, and the retry reuses their nonce.
        Optional<AuthDecision.GiveUp> proofFailure = acceptCredentials(response);
        if (proofFailure.isPresent()) {
            onFinalFailure(ResponseDiagnosis.of(RegistrationFailure.Kind.AUTHENTICATION_FAILED,
                    failurePrefix() + " was answered, but " + proofFailure.get().message(), response));
            return;
        }
        LOG.info("registrar {} wants at least {} s; retrying with that expiry", config.registrar().format(),
                minimum.getAsLong());
        attempt.intervalRetried = true;
        requestedExpires = minimum.getAsLong();
        send(digest.preemptive(Method.REGISTER.name(), registrarUri(), NO_BODY), Optional.of(423));
    }

    private void onTransportFailure(Throwable error) {
        boolean timeout = error instanceof TimeoutException;
        String outcome = timeout ? "timed out" : "failed on the network";
        String cause = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        RegistrationFailure failure = new RegistrationFailure(
                timeout ? RegistrationFailure.Kind.TIMEOUT : RegistrationFailure.Kind.NETWORK,
                failurePrefix() + " " + outcome + ": " + cause, OptionalInt.empty(), List.of());
        if (stopped != null && attempt.purpose != Purpose.UNREGISTER) {
            listener.onEvent(new RegistrationEvent.Failed(failure, Optional.empty()));
            stopOrUnregister();
            return;
        }
        onTransientFailure(failure, Optional.empty());
    }

    private void onTransientFailure(RegistrationFailure failure, Optional<Duration> retryAfter) {
        if (attempt.purpose == Purpose.UNREGISTER) {
            onFinalFailure(failure);
            return;
        }
        consecutiveFailures++;
        Duration backoffDelay = config.backoff().delay(consecutiveFailures, jitter.getAsDouble());
        // Retry-After is the earliest retry the registrar allows (RFC 3261 section 21.5.4), not a
        // promise of service, so a registrar that keeps sending Retry-After: 0 still gets backoff.
        Duration delay = retryAfter.filter(wait -> wait.compareTo(backoffDelay) > 0).orElse(backoffDelay);
        LOG.warn("{}; retrying in {} ms", failure.diagnosis(), delay.toMillis());
        listener.onEvent(new RegistrationEvent.Failed(failure, Optional.of(delay)));
        timer = scheduler.schedule(delay, () -> beginAttempt(bindingValid() ? Purpose.REFRESH : Purpose.REGISTER));
    }

    private void onFinalFailure(RegistrationFailure failure) {
        LOG.warn("{}", failure.diagnosis());
        listener.onEvent(new RegistrationEvent.Failed(failure, Optional.empty()));
        if (attempt.purpose == Purpose.UNREGISTER) {
            finishStopped();
        } else if (stopped != null) {
            stopOrUnregister();
        }
        // Otherwise the client stays idle until stop(): a refused registration is not retried.
    }

    private void finishUnregistered() {
        boundContact = null;
        bindingExpiresAt = null;
        LOG.info("unregistered {}", config.addressOfRecord().format());
        listener.onEvent(new RegistrationEvent.Unregistered(config.unregisterAll()));
        finishStopped();
    }

    private void finishStopped() {
        cancelTimer();
        generation++;
        inFlight = false;
        requests = null;
        running.set(false);
        stopped.complete(null);
    }

    // Helpers.

    private boolean bindingValid() {
        return bindingExpiresAt != null && scheduler.now().isBefore(bindingExpiresAt);
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel();
            timer = null;
        }
    }

    private String registrarUri() {
        return config.registrar().format();
    }

    private String failurePrefix() {
        String operation = switch (attempt.purpose) {
            case REGISTER -> "registration";
            case REFRESH -> "refresh";
            case UNREGISTER -> "unregistration";
        };
        return operation + " of " + config.addressOfRecord().format() + " at " + registrarUri();
    }

    /** Returns the Expires of a 2xx, treating a malformed one as absent, because the registration took effect. */
    private OptionalLong expiresHeader(SipResponse response) {
        try {
            return response.expires();
        } catch (MalformedHeaderException e) {
            LOG.warn("registrar {} sent a malformed Expires header ({}); ignoring it", config.registrar().format(),
                    e.reason());
            return OptionalLong.empty();
        }
    }

    /** Returns the Retry-After of a response, treating a malformed one as absent so that backoff applies. */
    private static Optional<Duration> retryAfter(SipResponse response) {
        try {
            return response.retryAfter().map(value -> Duration.ofSeconds(value.seconds()));
        } catch (MalformedHeaderException e) {
            LOG.warn("ignoring a malformed Retry-After header in {} ({})", ResponseDiagnosis.statusLine(response),
                    e.reason());
            return Optional.empty();
        }
    }

    private static ChallengeSummary summarize(AuthValue answer) {
        return new ChallengeSummary(answer.param("realm").orElse(""), answer.param("algorithm").orElse("MD5"),
                answer.param("qop"));
    }

    private static Throwable unwrap(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** One REGISTER and its retries after 401, 407 and 423. */
    private static final class Attempt {
        final Purpose purpose;
        int challenges;
        boolean intervalRetried;
        List<Contact> contacts = List.of();
        Set<CredentialsHeader> credentialHeaders = EnumSet.noneOf(CredentialsHeader.class);

        Attempt(Purpose purpose) {
            this.purpose = purpose;
        }

        void sent(List<Contact> sentContacts, List<AuthDecision.Send> credentials) {
            contacts = new ArrayList<>(sentContacts);
            credentialHeaders = EnumSet.noneOf(CredentialsHeader.class);
            for (AuthDecision.Send send : credentials) {
                credentialHeaders.add(send.header());
            }
        }
    }
}
