package io.parley.registrar;

import io.parley.auth.DigestAlgorithm;
import io.parley.auth.Qop;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link Registrar} challenges and verifies digest credentials.
 *
 * @param realm the realm of every challenge; users are looked up in it
 * @param algorithms the algorithms offered, one challenge header each, sent strongest first
 * @param qopOptions the qop values offered; empty offers none, so clients answer in the RFC 2069 form
 * @param profile whether an RFC 2069 answer to a qop challenge is rejected or accepted
 * @param challengeStatus 401 to challenge with WWW-Authenticate, or 407 with Proxy-Authenticate
 * @param nonceLifetime how long a nonce is accepted; an older genuine one gets a challenge with stale=true
 * @param nonceMaxUses how many requests one nonce may authenticate before the registrar rotates it with a
 *     new challenge without stale; 0 means no limit
 */
public record AuthenticationConfig(String realm, List<DigestAlgorithm> algorithms, Set<Qop> qopOptions,
        Profile profile, int challengeStatus, Duration nonceLifetime, int nonceMaxUses) {

    public AuthenticationConfig {
        Objects.requireNonNull(realm, "realm");
        if (realm.isEmpty()) {
            throw new IllegalArgumentException("realm is empty; name the realm users are registered in");
        }
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("no digest algorithm is offered; offer at least one, such as SHA-256");
        }
        algorithms = List.copyOf(algorithms);
        qopOptions = Set.copyOf(qopOptions);
        Objects.requireNonNull(profile, "profile");
        if (challengeStatus != 401 && challengeStatus != 407) {
            throw new IllegalArgumentException("challenge status is " + challengeStatus + "; use 401 or 407");
        }
        if (nonceLifetime.isNegative() || nonceLifetime.isZero()) {
            throw new IllegalArgumentException("nonce lifetime is " + nonceLifetime + "; use a positive duration");
        }
        if (nonceMaxUses < 0) {
            throw new IllegalArgumentException("nonce maximum uses is " + nonceMaxUses + "; use 0 for no limit or more");
        }
    }

    /**
     * Returns the defaults for {@code realm}: SHA-256 and MD5 offered, qop auth, the strict profile,
     * 401, nonces valid for five minutes and never rotated.
     */
    public static AuthenticationConfig defaults(String realm) {
        return new AuthenticationConfig(realm, List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), Set.of(Qop.AUTH),
                Profile.STRICT, 401, Duration.ofMinutes(5), 0);
    }

    /** Returns a copy with another profile. */
    public AuthenticationConfig withProfile(Profile newProfile) {
        return new AuthenticationConfig(realm, algorithms, qopOptions, newProfile, challengeStatus, nonceLifetime, nonceMaxUses);
    }

    /** Returns a copy offering {@code newAlgorithms}. */
    public AuthenticationConfig withAlgorithms(List<DigestAlgorithm> newAlgorithms) {
        return new AuthenticationConfig(realm, newAlgorithms, qopOptions, profile, challengeStatus, nonceLifetime, nonceMaxUses);
    }

    /** Returns a copy offering {@code newQopOptions}; empty offers no qop. */
    public AuthenticationConfig withQopOptions(Set<Qop> newQopOptions) {
        return new AuthenticationConfig(realm, algorithms, newQopOptions, profile, challengeStatus, nonceLifetime, nonceMaxUses);
    }

    /** Returns a copy challenging with {@code status}, 401 or 407. */
    public AuthenticationConfig withChallengeStatus(int status) {
        return new AuthenticationConfig(realm, algorithms, qopOptions, profile, status, nonceLifetime, nonceMaxUses);
    }

    /** Returns a copy whose nonces are accepted for {@code lifetime}. */
    public AuthenticationConfig withNonceLifetime(Duration lifetime) {
        return new AuthenticationConfig(realm, algorithms, qopOptions, profile, challengeStatus, lifetime, nonceMaxUses);
    }

    /** Returns a copy that rotates a nonce after {@code uses} accepted requests; 0 never rotates. */
    public AuthenticationConfig withNonceMaxUses(int uses) {
        return new AuthenticationConfig(realm, algorithms, qopOptions, profile, challengeStatus, nonceLifetime, uses);
    }
}
