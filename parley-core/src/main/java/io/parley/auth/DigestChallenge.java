package io.parley.auth;

import io.parley.message.AuthValue;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Digest challenge from WWW-Authenticate or Proxy-Authenticate (RFC 7616 section 3.3), with
 * quoted-pairs already unescaped.
 *
 * @param realm the realm, hashed into HA1
 * @param nonce the server nonce
 * @param opaque the opaque value, echoed verbatim and never hashed
 * @param algorithm the algorithm; MD5 when the challenge names none
 * @param algorithmNamed whether the challenge carried an {@code algorithm} parameter
 * @param qopOptions the known qop tokens offered, or empty when the challenge has no {@code qop}
 *     parameter; a present but empty set means only unknown tokens were offered
 * @param stale whether {@code stale=true} was given, compared without case
 * @param userhash whether {@code userhash=true} was given (RFC 7616 section 3.4.4)
 */
public record DigestChallenge(String realm, String nonce, Optional<String> opaque, DigestAlgorithm algorithm,
        boolean algorithmNamed, Optional<Set<Qop>> qopOptions, boolean stale, boolean userhash) {

    /** The auth-scheme name, compared without case (RFC 7235 section 2.1). */
    public static final String SCHEME = "Digest";

    public DigestChallenge {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(opaque, "opaque");
        Objects.requireNonNull(algorithm, "algorithm");
        qopOptions = qopOptions.map(Set::copyOf);
    }

    /**
     * Reads a Digest challenge. Returns empty for another scheme, a challenge without realm or
     * nonce, or an algorithm this package does not implement; callers skip those.
     */
    public static Optional<DigestChallenge> from(AuthValue value) {
        if (!value.hasScheme(SCHEME)) {
            return Optional.empty();
        }
        Optional<String> realm = value.param("realm");
        Optional<String> nonce = value.param("nonce");
        Optional<String> algorithmName = value.param("algorithm");
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromParameter(algorithmName);
        if (realm.isEmpty() || nonce.isEmpty() || algorithm.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new DigestChallenge(realm.get(), nonce.get(), value.param("opaque"),
                algorithm.get(), algorithmName.isPresent(), value.param("qop").map(Qop::parseOptions),
                isTrue(value.param("stale")), isTrue(value.param("userhash"))));
    }

    /** Returns a short description of an offered challenge for error messages, such as {@code Digest algorithm=SHA3-512 realm="a"}. */
    public static String describe(AuthValue value) {
        StringBuilder out = new StringBuilder(value.scheme().isEmpty() ? "(no scheme)" : value.scheme());
        value.param("algorithm").ifPresent(a -> out.append(" algorithm=").append(a));
        value.param("realm").ifPresent(r -> out.append(" realm=\"").append(r).append('"'));
        value.param("qop").ifPresent(q -> out.append(" qop=\"").append(q).append('"'));
        return out.toString();
    }

    /** Returns this challenge with another nonce and no stale flag, as after a {@code nextnonce}. */
    public DigestChallenge withNonce(String newNonce) {
        return new DigestChallenge(realm, newNonce, opaque, algorithm, algorithmNamed, qopOptions, false, userhash);
    }

    private static boolean isTrue(Optional<String> flag) {
        return flag.map(v -> v.trim().equalsIgnoreCase("true")).orElse(false);
    }
}
