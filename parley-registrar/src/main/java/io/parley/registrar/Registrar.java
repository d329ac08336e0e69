package io.parley.registrar;

import io.parley.auth.CredentialStore;
import io.parley.location.Binding;
import io.parley.location.BindingChange;
import io.parley.location.LocationStore;
import io.parley.location.LocationStoreException;
import io.parley.message.Contact;
import io.parley.message.MalformedHeaderException;
import io.parley.message.Method;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.SipUri;
import io.parley.message.Uri;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar without transport: takes a parsed request with its source and returns the response
 * to send, after the location store has committed any change. REGISTER follows RFC 3261 section 10.3
 * step by step, OPTIONS gets 200, and every other method 405. Safe to share between threads.
 *
 * <p>Logs at INFO each registration, refresh, removal, expiry and rejection with the AOR, contact and
 * source address; a rejection also carries its reason. No log line contains a password, HA1, digest
 * response or whole Authorization header.
 */
public final class Registrar {

    private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

    private final RegistrarConfig config;
    private final LocationStore store;
    private final Clock clock;
    private final Optional<DigestGate> digest;
    private final ContactPlanner contactPlanner;
    private final ResponseFactory responses;

    /** The length of a nonce secret, the HMAC-SHA256 key its nonces are signed with. */
    public static final int NONCE_SECRET_BYTES = 32;

    /**
     * Creates a registrar with a random nonce secret, so its nonces are unknown to any other instance,
     * including this one after a restart.
     *
     * @param users the accounts checked when {@code config} has authentication; ignored otherwise
     * @param store where bindings are kept; the caller closes it
     * @param clock the time of each request, binding expiry and nonce
     * @param random the source of nonces, the nonce secret and To tags
     */
    public Registrar(RegistrarConfig config, CredentialStore users, LocationStore store, Clock clock, SecureRandom random) {
        this(config, users, store, clock, random, randomSecret(random));
    }

    /**
     * Creates a registrar whose nonces are signed with {@code nonceSecret}, so instances sharing it, such
     * as one process before and after a restart, accept each other's nonces.
     *
     * @param nonceSecret at least 16 bytes; {@link #NONCE_SECRET_BYTES} is the recommended length
     */
    public Registrar(RegistrarConfig config, CredentialStore users, LocationStore store, Clock clock, SecureRandom random,
            byte[] nonceSecret) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(users, "users");
        byte[] secret = nonceSecret.clone();
        this.digest = config.authentication()
                .map(settings -> new DigestGate(settings, users, config.guessingLimit(), clock, random, secret));
        this.contactPlanner = new ContactPlanner(config.expiry());
        this.responses = new ResponseFactory(random);
    }

    /**
     * Handles one request received from {@code source}, waiting for the location store.
     *
     * @return the response to send, or empty for ACK, which gets none
     * @throws RuntimeException what processing threw, such as an {@link IllegalStateException} from a
     *     closed store
     */
    public Optional<SipResponse> handle(SipRequest request, RequestSource source) {
        try {
            return handleAsync(request, source).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /**
     * Handles one request received from {@code source} without waiting: everything up to the location
     * store runs on the calling thread, and the future completes once the store has committed, on the
     * store's thread when it has one ({@link LocationStore#registerAsync}). A store failure gives a
     * 500; any other failure completes the future exceptionally.
     *
     * A header that the parser left to be checked when read ({@link io.parley.parser.HeaderChecks#CORE})
     * and that turns out malformed gives 400 with the parser's reason phrase.
     *
     * @return the response to send, or empty for ACK, which gets none
     */
    public CompletableFuture<Optional<SipResponse>> handleAsync(SipRequest request, RequestSource source) {
        try {
            Method method = request.method();
            if (method.equals(Method.REGISTER)) {
                return RegisterExchange.run(this, request, source).thenApply(Optional::of);
            }
            return CompletableFuture.completedFuture(handleWithoutStore(request, source));
        } catch (MalformedHeaderException e) {
            if (request.method().equals(Method.ACK)) {
                return CompletableFuture.completedFuture(Optional.empty());
            }
            return CompletableFuture.completedFuture(Optional.of(
                    rejection(request, source, 400, "malformed-header", e.getMessage())
                            .reasonPhrase(e.reasonPhrase())
                            .build()));
        }
    }

    private Optional<SipResponse> handleWithoutStore(SipRequest request, RequestSource source) {
        Method method = request.method();
        if (method.equals(Method.ACK)) {
            return Optional.empty();
        }
        if (method.equals(Method.CANCEL)) {
            // RFC 3261 section 9.2: the registrar has no pending request a CANCEL could match.
            return Optional.of(responses.start(request, 481).build());
        }
        // RFC 3261 section 8.2.1: the method is inspected before any header.
        if (!method.equals(Method.OPTIONS)) {
            return Optional.of(responses.start(request, 405).allow(ResponseFactory.ALLOWED).build());
        }
        Optional<SipResponse> unsupported = checkRequire(request, source);
        if (unsupported.isPresent()) {
            return unsupported;
        }
        return Optional.of(responses.start(request, 200)
                .allow(ResponseFactory.ALLOWED)
                .supported(List.copyOf(config.supportedOptionTags()))
                .build());
    }

    /**
     * Deletes the bindings that have expired now and logs each at INFO.
     *
     * @return the bindings deleted
     * @throws LocationStoreException when the store fails
     */
    public List<Binding> purgeExpired() {
        List<Binding> purged = store.purgeExpired(clock.instant());
        for (Binding binding : purged) {
            logChange(new BindingChange(BindingChange.Kind.EXPIRED, binding));
        }
        return purged;
    }

    /** Returns the configuration. */
    public RegistrarConfig config() {
        return config;
    }

    /**
     * RFC 3261 section 8.2.2.3: option tags in Require that the registrar does not support get 420
     * with Unsupported listing them. Proxy-Require is for proxies, so a registrar ignores it.
     */
    Optional<SipResponse> checkRequire(SipRequest request, RequestSource source) {
        List<String> unsupported = new ArrayList<>();
        for (String tag : request.require()) {
            if (!config.supportedOptionTags().contains(tag.toLowerCase(Locale.ROOT))) {
                unsupported.add(tag);
            }
        }
        if (unsupported.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(rejection(request, source, 420, "unsupported-extension",
                "Require names option tags this registrar does not support: " + String.join(", ", unsupported))
                .unsupported(unsupported)
                .build());
    }

    /**
     * Logs a rejection at INFO and starts its response with a Warning that carries the reason and
     * detail, so a tester reading the trace sees why.
     */
    SipResponse.Builder rejection(SipRequest request, RequestSource source, int status, String reason, String detail) {
        LOG.info("rejected {}: status={} reason={} aor={} contact={} source={} detail={}", request.method(), status,
                reason, request.to().uri().format(), firstContact(request), source, detail);
        return responses.startWithWarning(request, status, reason, detail);
    }

    /** Logs one change the store made at INFO. */
    static void logChange(BindingChange change) {
        Binding binding = change.binding();
        switch (change.kind()) {
            case ADDED -> LOG.info("registered aor={} contact={} expires={}s source={}/{}", binding.aor(),
                    binding.contactUri(), binding.remainingSeconds(binding.updatedAt()), binding.sourceAddress(),
                    binding.transport());
            case REFRESHED -> LOG.info("refreshed aor={} contact={} expires={}s source={}/{}", binding.aor(),
                    binding.contactUri(), binding.remainingSeconds(binding.updatedAt()), binding.sourceAddress(),
                    binding.transport());
            case REMOVED -> LOG.info("removed aor={} contact={} source={}/{}", binding.aor(), binding.contactUri(),
                    binding.sourceAddress(), binding.transport());
            case EXPIRED -> LOG.info("expired aor={} contact={} source={}/{} expired-at={}", binding.aor(),
                    binding.contactUri(), binding.sourceAddress(), binding.transport(), binding.expiresAt());
        }
    }

    private static byte[] randomSecret(SecureRandom random) {
        byte[] secret = new byte[NONCE_SECRET_BYTES];
        random.nextBytes(secret);
        return secret;
    }

    private static String firstContact(SipRequest request) {
        List<Contact> contacts = request.contacts();
        if (contacts.isEmpty()) {
            return "none";
        }
        return contacts.size() == 1 ? contacts.get(0).format() : contacts.get(0).format() + " (+" + (contacts.size() - 1) + ")";
    }

    Optional<DigestGate> digest() {
        return digest;
    }

    ContactPlanner contactPlanner() {
        return contactPlanner;
    }

    ResponseFactory responses() {
        return responses;
    }

    LocationStore store() {
        return store;
    }

    Instant now() {
        return clock.instant();
    }

    /** Returns whether {@code uri} is a SIP or SIPS URI of a served domain. */
    boolean servesRequestUri(Uri uri) {
        return uri instanceof SipUri sip && config.serves(sip.host());
    }

    static Logger log() {
        return LOG;
    }
}
