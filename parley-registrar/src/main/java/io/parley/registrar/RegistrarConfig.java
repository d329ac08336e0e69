package io.parley.registrar;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings of a {@link Registrar}: domains served and checks of REGISTER requests. Change one value with the
 * {@code withX} methods.
 *
 * @param domains the domains served, compared without case; empty serves every domain
 * @param unknownDomainStatus the status for a Request-URI or AOR domain not served: 404 or 403
 * @param authentication the digest settings, or empty to accept every REGISTER without credentials
 * @param expiry the default, minimum and maximum binding expiry
 * @param maxBindingsPerAor the number of contacts one AOR may have bound at once
 * @param supportedOptionTags the option tags a Require header may name (RFC 3261 section 8.2.2.3)
 * @param guessingLimit how many failed authentications one source address may make in a window
 */
public record RegistrarConfig(
        Set<String> domains,
        int unknownDomainStatus,
        Optional<AuthenticationConfig> authentication,
        Expiry expiry,
        int maxBindingsPerAor,
        Set<String> supportedOptionTags,
        GuessingLimit guessingLimit) {

    public RegistrarConfig {
        domains = domains.stream().map(domain -> domain.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        if (unknownDomainStatus != 404 && unknownDomainStatus != 403) {
            throw new IllegalArgumentException("status for an unknown domain is " + unknownDomainStatus + "; use 404 or 403");
        }
        Objects.requireNonNull(authentication, "authentication");
        Objects.requireNonNull(expiry, "expiry");
        if (maxBindingsPerAor < 1) {
            throw new IllegalArgumentException("maximum bindings per AOR is " + maxBindingsPerAor + "; use 1 or more");
        }
        supportedOptionTags = supportedOptionTags.stream().map(tag -> tag.toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
        Objects.requireNonNull(guessingLimit, "guessingLimit");
    }

    /** Returns a registrar for every domain without authentication, with the default expiry and limits. */
    public static RegistrarConfig open() {
        return new RegistrarConfig(Set.of(), 404, Optional.empty(), Expiry.DEFAULT, 10, Set.of(), GuessingLimit.DEFAULT);
    }

    /** Returns a copy serving only {@code newDomains}, or every domain when empty. */
    public RegistrarConfig withDomains(Set<String> newDomains) {
        return new RegistrarConfig(newDomains, unknownDomainStatus, authentication, expiry, maxBindingsPerAor,
                supportedOptionTags, guessingLimit);
    }

    /** Returns a copy that responds {@code status}, 404 or 403, to a domain that is not served. */
    public RegistrarConfig withUnknownDomainStatus(int status) {
        return new RegistrarConfig(domains, status, authentication, expiry, maxBindingsPerAor,
                supportedOptionTags, guessingLimit);
    }

    /** Returns a copy that authenticates every REGISTER with {@code settings}. */
    public RegistrarConfig withAuthentication(AuthenticationConfig settings) {
        return new RegistrarConfig(domains, unknownDomainStatus, Optional.of(settings), expiry, maxBindingsPerAor,
                supportedOptionTags, guessingLimit);
    }

    /** Returns a copy with another expiry policy. */
    public RegistrarConfig withExpiry(Expiry newExpiry) {
        return new RegistrarConfig(domains, unknownDomainStatus, authentication, newExpiry, maxBindingsPerAor,
                supportedOptionTags, guessingLimit);
    }

    /** Returns a copy allowing {@code max} bindings per AOR. */
    public RegistrarConfig withMaxBindingsPerAor(int max) {
        return new RegistrarConfig(domains, unknownDomainStatus, authentication, expiry, max,
                supportedOptionTags, guessingLimit);
    }

    /** Returns a copy that accepts {@code tags} in Require. */
    public RegistrarConfig withSupportedOptionTags(Set<String> tags) {
        return new RegistrarConfig(domains, unknownDomainStatus, authentication, expiry, maxBindingsPerAor,
                tags, guessingLimit);
    }

    /** Returns a copy with another limit on failed authentications. */
    public RegistrarConfig withGuessingLimit(GuessingLimit limit) {
        return new RegistrarConfig(domains, unknownDomainStatus, authentication, expiry, maxBindingsPerAor,
                supportedOptionTags, limit);
    }

    /** Returns whether {@code host} is a served domain. */
    public boolean serves(String host) {
        return domains.isEmpty() || domains.contains(host.toLowerCase(Locale.ROOT));
    }

    /**
     * Binding expiry in seconds (RFC 3261 section 10.3 step 7).
     *
     * @param defaultSeconds the expiry of a contact without an expires parameter in a request without Expires
     * @param minSeconds the shortest expiry accepted; a shorter non-zero one gets 423 with Min-Expires
     * @param maxSeconds the longest expiry granted; a longer one is lowered to it
     */
    public record Expiry(long defaultSeconds, long minSeconds, long maxSeconds) {

        /** One hour by default, at least one minute, at most one day. */
        public static final Expiry DEFAULT = new Expiry(3600, 60, 86_400);

        public Expiry {
            if (minSeconds < 1 || maxSeconds < minSeconds || defaultSeconds < minSeconds || defaultSeconds > maxSeconds) {
                throw new IllegalArgumentException("expiry default " + defaultSeconds + " s, minimum " + minSeconds
                        + " s and maximum " + maxSeconds + " s are invalid; expected 1 <= minimum <= default <= maximum");
            }
        }

        /** Returns the expiry to grant for a requested one above zero: the request capped at the maximum. */
        public long grant(long requestedSeconds) {
            return Math.min(requestedSeconds, maxSeconds);
        }
    }

    /**
     * The limit on password guessing: after {@code maxFailures} failed authentications from one source
     * address within {@code window}, that address gets 403 without a digest check until the window ends.
     */
    public record GuessingLimit(int maxFailures, Duration window) {

        /** Five failures in five minutes. */
        public static final GuessingLimit DEFAULT = new GuessingLimit(5, Duration.ofMinutes(5));

        public GuessingLimit {
            if (maxFailures < 1) {
                throw new IllegalArgumentException("maximum failed authentications is " + maxFailures + "; use 1 or more");
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("failed authentication window is " + window + "; use a positive duration");
            }
        }
    }
}
