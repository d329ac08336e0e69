package io.parley.auth;

import io.parley.message.AuthValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Chooses which challenges of a 401 or 407 to answer, and with which qop. */
public final class ChallengeSelection {

    private ChallengeSelection() {
    }

    /**
     * Picks one challenge per realm, the strongest usable algorithm (RFC 8760 section 2.4), in the
     * order the realms first appear. Other schemes, unknown algorithms, challenges whose qop offers
     * only unknown tokens and challenges the policy refuses are skipped. Returns an empty list when
     * nothing is usable.
     */
    public static List<DigestChallenge> select(List<AuthValue> offered, ClientPolicy policy) {
        Map<String, DigestChallenge> byRealm = new LinkedHashMap<>();
        for (AuthValue value : offered) {
            Optional<DigestChallenge> parsed = DigestChallenge.from(value);
            if (parsed.isEmpty() || !isAnswerable(parsed.get(), policy)) {
                continue;
            }
            DigestChallenge challenge = parsed.get();
            DigestChallenge current = byRealm.get(challenge.realm());
            // Equal strength (a -sess form beside its base) keeps the one offered first.
            if (current == null || challenge.algorithm().strength() > current.algorithm().strength()) {
                byRealm.put(challenge.realm(), challenge);
            }
        }
        return new ArrayList<>(byRealm.values());
    }

    /**
     * Returns whether the challenge can be answered under the policy: its algorithm is allowed,
     * and it either offers a known qop or offers none while the policy accepts the RFC 2069 form.
     */
    public static boolean isAnswerable(DigestChallenge challenge, ClientPolicy policy) {
        if (!policy.allows(challenge)) {
            return false;
        }
        return challenge.qopOptions().map(options -> !options.isEmpty()).orElse(true);
    }

    /**
     * Chooses the qop of the answer to an answerable challenge: empty for the RFC 2069 form when none
     * is offered, {@code auth} when offered, and {@code auth-int} when it is the only known option or
     * the policy prefers it.
     */
    public static Optional<Qop> chooseQop(DigestChallenge challenge, ClientPolicy policy) {
        if (challenge.qopOptions().isEmpty()) {
            return Optional.empty();
        }
        Set<Qop> options = challenge.qopOptions().get();
        if (options.contains(Qop.AUTH_INT) && (policy.preferAuthInt() || !options.contains(Qop.AUTH))) {
            return Optional.of(Qop.AUTH_INT);
        }
        return Optional.of(Qop.AUTH);
    }

    /** Describes what a response offered, for the error raised when nothing was usable. */
    public static String describeOffer(int statusCode, List<AuthValue> offered, ClientPolicy policy) {
        List<String> descriptions = new ArrayList<>();
        for (AuthValue value : offered) {
            descriptions.add(DigestChallenge.describe(value));
        }
        StringBuilder out = new StringBuilder("no usable challenge in the ").append(statusCode)
                .append(": offered ").append(String.join("; ", descriptions))
                .append(". Parley answers Digest with MD5, SHA-256 or SHA-512-256 and their -sess forms");
        if (policy.refuseMd5()) {
            out.append(", and this client refuses MD5");
        }
        if (policy.requireQop()) {
            out.append(", and this client requires qop");
        }
        return out.toString();
    }
}
