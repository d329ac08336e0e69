package io.parley.registrar;

import io.parley.auth.CredentialStore;
import io.parley.auth.DigestChallenge;
import io.parley.auth.DigestServer;
import io.parley.auth.NonceCountTracker;
import io.parley.auth.NonceIssuer;
import io.parley.auth.RejectReason;
import io.parley.auth.ServerConfig;
import io.parley.auth.Verification;
import io.parley.message.AuthValue;
import io.parley.message.SipRequest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The authentication step of a REGISTER (RFC 3261 section 10.3 step 3): the password guessing block,
 * then digest verification, nonce rotation and the decision to challenge or reject. Safe to share
 * between threads.
 */
final class DigestGate {

    /** The nonces whose nc values are remembered for replay protection. */
    private static final int TRACKED_NONCES = 100_000;

    private final AuthenticationConfig config;
    private final DigestServer server;
    private final FailedAuthenticationGuard guard;
    private final NonceRotation rotation;

    DigestGate(AuthenticationConfig config, CredentialStore users, RegistrarConfig.GuessingLimit limit,
            Clock clock, SecureRandom random, byte[] secret) {
        this.config = Objects.requireNonNull(config, "config");
        NonceIssuer nonces = new NonceIssuer(secret, clock, random, config.nonceLifetime());
        ServerConfig serverConfig = new ServerConfig(config.realm(), config.algorithms(), config.qopOptions(),
                config.profile().policy(), Optional.empty(), false, false);
        this.server = new DigestServer(serverConfig, users, nonces, new NonceCountTracker(TRACKED_NONCES));
        this.guard = new FailedAuthenticationGuard(limit);
        this.rotation = new NonceRotation(config.nonceMaxUses());
    }

    /** The outcome of the authentication step. */
    sealed interface Outcome {}

    /**
     * The request carries valid credentials.
     *
     * @param username the authenticated user
     */
    record Authenticated(String username) implements Outcome {}

    /**
     * The request gets a new challenge.
     *
     * @param stale whether the challenge carries {@code stale=true}
     * @param reason why the credentials were not accepted, empty when the request had none
     * @param detail the reason in words, empty when the request had no credentials
     */
    record Challenge(boolean stale, Optional<String> reason, String detail) implements Outcome {}

    /**
     * The request is rejected with 403 and no new challenge.
     *
     * @param reason the machine-readable reason
     * @param detail the reason in words, never a secret
     */
    record Forbidden(String reason, String detail) implements Outcome {}

    /** The reason of a 403 sent to a source address blocked for password guessing. */
    static final String TOO_MANY_FAILURES = "TOO_MANY_FAILURES";
    /** The reason of a challenge after a nonce reached its maximum uses. */
    static final String NONCE_ROTATED = "NONCE_ROTATED";

    /** Authenticates {@code request} from {@code source} at {@code now}. */
    Outcome authenticate(SipRequest request, RequestSource source, Instant now) {
        Optional<Instant> blockedUntil = guard.blockedUntil(source.host(), now);
        if (blockedUntil.isPresent()) {
            return new Forbidden(TOO_MANY_FAILURES, "too many failed authentications from " + source.host()
                    + "; blocked until " + blockedUntil.get());
        }
        Optional<AuthValue> credentials = findCredentials(request);
        if (credentials.isEmpty()) {
            return new Challenge(false, Optional.empty(), "");
        }

        Verification verification = server.verify(credentials.get(), request.method().name(),
                request.requestUri().format(), request.body());
        return switch (verification) {
            case Verification.Accepted accepted -> afterAcceptance(accepted, credentials.get());
            case Verification.Rejected rejected -> afterRejection(rejected, source, now);
        };
    }

    /** Returns the challenge values, one per offered algorithm, strongest first. */
    List<AuthValue> challenges(boolean stale) {
        return server.challenges(stale);
    }

    /** Returns the status of a challenge: 401 or 407. */
    int challengeStatus() {
        return config.challengeStatus();
    }

    private Outcome afterAcceptance(Verification.Accepted accepted, AuthValue credentials) {
        String nonce = credentials.param("nonce").orElseThrow();
        if (rotation.useAndCheckExhausted(nonce)) {
            return new Challenge(false, Optional.of(NONCE_ROTATED),
                    "nonce reached its maximum of " + config.nonceMaxUses() + " uses; a new one is issued without stale");
        }
        return new Authenticated(accepted.username());
    }

    private Outcome afterRejection(Verification.Rejected rejected, RequestSource source, Instant now) {
        String reason = rejected.reason().name();
        if (rejected.reason() == RejectReason.QOP_REQUIRED) {
            return new Forbidden(reason, rejected.detail());
        }
        // Only a wrong response or an unknown user counts as a guess, because a stale or unknown nonce tests no password.
        if (rejected.reason() == RejectReason.WRONG_RESPONSE || rejected.reason() == RejectReason.UNKNOWN_USER) {
            guard.recordFailure(source.host(), now);
        }
        return new Challenge(rejected.stale(), Optional.of(reason), rejected.detail());
    }

    /**
     * Returns the Digest credentials for this realm from Authorization (after a 401) or
     * Proxy-Authorization (after a 407). Without those, it returns Digest credentials for another realm,
     * so the rejection names the realm mismatch, and empty when the request has no Digest credentials.
     */
    private Optional<AuthValue> findCredentials(SipRequest request) {
        List<AuthValue> values = config.challengeStatus() == 401 ? request.authorization() : request.proxyAuthorization();
        Optional<AuthValue> anyDigest = Optional.empty();
        for (AuthValue value : values) {
            if (!value.hasScheme(DigestChallenge.SCHEME)) {
                continue;
            }
            if (value.param("realm").filter(config.realm()::equals).isPresent()) {
                return Optional.of(value);
            }
            if (anyDigest.isEmpty()) {
                anyDigest = Optional.of(value);
            }
        }
        return anyDigest;
    }
}
