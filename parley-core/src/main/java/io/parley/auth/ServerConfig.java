package io.parley.auth;

import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a digest server offers and accepts.
 *
 * @param realm the realm of every challenge
 * @param algorithms the algorithms offered, one challenge each; challenges list them strongest first
 * @param qopOptions the qop tokens offered; empty offers no qop, so clients answer in the RFC 2069 form
 * @param policy whether an answer without qop is accepted when qop was offered
 * @param opaque the opaque value sent in challenges and required back, if any
 * @param userhash whether challenges carry {@code userhash=true}
 * @param authenticationInfo whether accepted requests get an Authentication-Info with nextnonce and rspauth
 */
public record ServerConfig(String realm, List<DigestAlgorithm> algorithms, Set<Qop> qopOptions, Policy policy,
        Optional<String> opaque, boolean userhash, boolean authenticationInfo) {

    /** How strictly answers are held to the challenge. */
    public enum Policy {
        /** An answer without qop to a challenge that offered qop is rejected (RFC 7616 section 3.4). */
        STRICT,
        /** An answer without qop is checked in the RFC 2069 form and accepted when right, as Kamailio does by default. */
        LENIENT
    }

    public ServerConfig {
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(opaque, "opaque");
        if (algorithms.isEmpty()) {
            throw new IllegalArgumentException("a digest server must offer at least one algorithm");
        }
        algorithms = algorithms.stream().distinct()
                .sorted(Comparator.comparingInt(DigestAlgorithm::strength).reversed()).toList();
        qopOptions = qopOptions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(qopOptions));
    }

    /** Returns a strict configuration offering SHA-256 and MD5 with qop auth, without opaque or userhash. */
    public static ServerConfig defaults(String realm) {
        return new ServerConfig(realm, List.of(DigestAlgorithm.SHA_256, DigestAlgorithm.MD5), Set.of(Qop.AUTH),
                Policy.STRICT, Optional.empty(), false, false);
    }
}
