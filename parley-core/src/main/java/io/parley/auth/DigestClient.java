package io.parley.auth;

import io.parley.message.AuthValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The digest client of one user agent: answers challenges, remembers nonces per realm, adds
 * credentials pre-emptively and verifies Authentication-Info.
 *
 * <h2>Retry rules</h2>
 * Each realm (separately for Authorization and Proxy-Authorization) keeps its nonce, nc and
 * counters. A challenge for a realm is handled as follows:
 * <ol>
 *   <li>No credentials were sent for the realm yet: answer it.</li>
 *   <li>{@code stale=true}, in any case: the password was right but the nonce expired (RFC 7616
 *       section 3.3), so answer the new nonce with the same credentials. At most
 *       {@link ClientPolicy#maxStaleRetries()} stale challenges in a row are answered, after which
 *       the client gives up with {@link AuthDecision.Reason#STALE_LIMIT}.</li>
 *   <li>The same nonce rejected again: the credentials are wrong. Give up with
 *       {@link AuthDecision.Reason#CREDENTIALS_REJECTED}, naming user and realm.</li>
 *   <li>A new nonce without stale, after the server accepted the previous one (see
 *       {@link #onAccepted}): the server rotated its nonce, so retry exactly once. A second such
 *       rejection before the next acceptance, or a new nonce when none was ever accepted, gives up
 *       with {@link AuthDecision.Reason#CREDENTIALS_REJECTED}.</li>
 * </ol>
 * An acceptance resets both counters, and giving up forgets the realm, so the next request starts
 * at rule 1. Every rejection is therefore either retried within these caps or ends, and a user
 * agent that resends only on {@link AuthDecision.Send} never loops.
 *
 * <p>Each nonce starts at nc 00000001 with a fresh cnonce, and nc grows by one on every request
 * that uses it, pre-emptive ones included. Instances are safe to share between threads.
 */
public final class DigestClient implements Authenticator {

    private static final int CNONCE_BYTES = 16;

    private final CredentialsProvider credentials;
    private final ClientPolicy policy;
    private final Supplier<String> cnonceSource;
    private final Map<RealmKey, RealmState> states = new LinkedHashMap<>();
    private final List<RealmKey> lastSent = new ArrayList<>();

    /** Creates a client whose cnonces are 16 bytes from {@code random}, in hex. */
    public DigestClient(CredentialsProvider credentials, ClientPolicy policy, SecureRandom random) {
        this(credentials, policy, () -> {
            byte[] bytes = new byte[CNONCE_BYTES];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        });
        Objects.requireNonNull(random, "random");
    }

    /** Creates a client with a given cnonce source; tests use it to reproduce published values. */
    public DigestClient(CredentialsProvider credentials, ClientPolicy policy, Supplier<String> cnonceSource) {
        this.credentials = Objects.requireNonNull(credentials, "credentials");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.cnonceSource = Objects.requireNonNull(cnonceSource, "cnonceSource");
    }

    @Override
    public synchronized AuthDecision authenticate(Challenged challenged) {
        int status = challenged.statusCode();
        if (status != 401 && status != 407) {
            return new AuthDecision.GiveUp(AuthDecision.Reason.NOT_A_CHALLENGE,
                    "status " + status + " is not a challenge; only 401 and 407 are answered with credentials");
        }
        CredentialsHeader header = CredentialsHeader.forStatus(status);
        if (challenged.challenges().isEmpty()) {
            return new AuthDecision.GiveUp(AuthDecision.Reason.NO_CHALLENGE, "the " + status + " has no "
                    + header.challengeHeaderName() + " header, so there is nothing to answer");
        }
        List<DigestChallenge> chosen = ChallengeSelection.select(challenged.challenges(), policy);
        if (chosen.isEmpty()) {
            return new AuthDecision.GiveUp(AuthDecision.Reason.NO_USABLE_CHALLENGE,
                    ChallengeSelection.describeOffer(status, challenged.challenges(), policy));
        }

        List<RealmKey> answered = new ArrayList<>();
        List<String> realmsWithoutCredentials = new ArrayList<>();
        for (DigestChallenge challenge : chosen) {
            Optional<DigestCredentials> account = credentials.forRealm(challenge.realm());
            if (account.isEmpty()) {
                realmsWithoutCredentials.add(challenge.realm());
                continue;
            }
            RealmKey key = new RealmKey(header, challenge.realm());
            Optional<AuthDecision.GiveUp> refusal = advance(key, challenge, account.get());
            if (refusal.isPresent()) {
                return refusal.get();
            }
            answered.add(key);
        }
        if (answered.isEmpty()) {
            return new AuthDecision.GiveUp(AuthDecision.Reason.NO_CREDENTIALS,
                    "no credentials for realm " + String.join(", ", realmsWithoutCredentials));
        }
        return new AuthDecision.Send(header, answerAll(answered, challenged.method(), challenged.requestUri(),
                challenged.body()));
    }

    /**
     * Returns the credentials to add pre-emptively to a new request, one {@link AuthDecision.Send}
     * per header, for every realm whose nonce the server accepted. Each use increments that nc.
     */
    public synchronized List<AuthDecision.Send> preemptive(String method, String requestUri, byte[] body) {
        List<AuthDecision.Send> result = new ArrayList<>();
        List<RealmKey> keysUsed = new ArrayList<>();
        for (CredentialsHeader header : CredentialsHeader.values()) {
            List<RealmKey> keys = new ArrayList<>();
            for (RealmState state : states.values()) {
                if (state.key.header() == header && state.accepted) {
                    keys.add(state.key);
                }
            }
            if (!keys.isEmpty()) {
                result.add(new AuthDecision.Send(header, answerAll(keys, method, requestUri, body)));
                keysUsed.addAll(keys);
            }
        }
        lastSent.clear();
        lastSent.addAll(keysUsed);
        return result;
    }

    /**
     * Records that the server accepted the last request sent with credentials from this client
     * (after {@link #authenticate} or {@link #preemptive}), and applies its
     * Authentication-Info (or Proxy-Authentication-Info) when present: {@code nextnonce} becomes the
     * nonce of the next request, and {@code rspauth} must match (RFC 7616 section 3.5).
     *
     * @param header the header the accepted credentials travelled in
     * @param authenticationInfo the Authentication-Info value, parsed as a parameter list
     * @param responseBody the body of the accepted response, hashed when {@code qop=auth-int}
     * @return a {@link AuthDecision.Reason#RSPAUTH_MISMATCH} failure when {@code rspauth} is wrong,
     *     in which case the response must not be trusted; otherwise empty
     */
    public synchronized Optional<AuthDecision.GiveUp> onAccepted(CredentialsHeader header,
            Optional<AuthValue> authenticationInfo, byte[] responseBody) {
        Optional<RealmState> matched = Optional.empty();
        for (RealmKey key : lastSent) {
            RealmState state = states.get(key);
            if (key.header() != header || state == null) {
                continue;
            }
            state.accepted = true;
            state.rotationRetried = false;
            state.staleRetries = 0;
            if (matched.isEmpty() || matchesCnonce(state, authenticationInfo)) {
                matched = Optional.of(state);
            }
        }
        if (authenticationInfo.isEmpty() || matched.isEmpty()) {
            return Optional.empty();
        }
        return applyAuthenticationInfo(matched.get(), authenticationInfo.get(), responseBody);
    }

    private Optional<AuthDecision.GiveUp> advance(RealmKey key, DigestChallenge challenge, DigestCredentials account) {
        RealmState state = states.get(key);
        if (state == null) {
            states.put(key, new RealmState(key, challenge, account, cnonceSource.get()));
            return Optional.empty();
        }
        if (challenge.stale()) {
            if (state.staleRetries >= policy.maxStaleRetries()) {
                // Forgetting the realm lets a later request authenticate from scratch.
                states.remove(key);
                return Optional.of(new AuthDecision.GiveUp(AuthDecision.Reason.STALE_LIMIT, "realm \"" + key.realm()
                        + "\" sent stale=true " + (state.staleRetries + 1) + " times in a row; giving up after "
                        + policy.maxStaleRetries() + " retries"));
            }
            state.staleRetries++;
        } else if (challenge.nonce().equals(state.challenge.nonce()) || !state.accepted || state.rotationRetried) {
            states.remove(key);
            return Optional.of(rejected(state));
        } else {
            state.rotationRetried = true;
        }
        state.restart(challenge, account, cnonceSource.get());
        state.accepted = false;
        return Optional.empty();
    }

    private static AuthDecision.GiveUp rejected(RealmState state) {
        return new AuthDecision.GiveUp(AuthDecision.Reason.CREDENTIALS_REJECTED, "credentials for user \""
                + state.credentials.username() + "\" in realm \"" + state.key.realm()
                + "\" were rejected; check the username and password");
    }

    private List<AuthValue> answerAll(List<RealmKey> keys, String method, String requestUri, byte[] body) {
        List<AuthValue> values = new ArrayList<>();
        for (RealmKey key : keys) {
            RealmState state = states.get(key);
            state.nonceCount++;
            Optional<Qop> qop = ChallengeSelection.chooseQop(state.challenge, policy);
            state.lastAnswer = DigestAnswer.build(state.challenge, state.credentials, qop, state.cnonce,
                    state.nonceCount, method, requestUri, body);
            values.add(state.lastAnswer.value());
        }
        lastSent.clear();
        lastSent.addAll(keys);
        return values;
    }

    private static boolean matchesCnonce(RealmState state, Optional<AuthValue> info) {
        Optional<String> cnonce = info.flatMap(value -> value.param("cnonce"));
        return cnonce.isPresent() && cnonce.get().equals(state.cnonce);
    }

    private Optional<AuthDecision.GiveUp> applyAuthenticationInfo(RealmState state, AuthValue info, byte[] responseBody) {
        Optional<String> rspauth = info.param("rspauth");
        if (rspauth.isPresent() && state.lastAnswer != null) {
            DigestInput sent = state.lastAnswer.input();
            DigestInput forRspauth = new DigestInput(sent.algorithm(), sent.nonce(), "", sent.uri(), sent.qop(),
                    sent.cnonce(), sent.nc(), responseBody);
            String baseHa1 = state.credentials.baseHa1(sent.algorithm(), state.key.realm());
            String expected = DigestMath.calculate(forRspauth, baseHa1).response();
            if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                    rspauth.get().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
                return Optional.of(new AuthDecision.GiveUp(AuthDecision.Reason.RSPAUTH_MISMATCH,
                        "rspauth in Authentication-Info for realm \"" + state.key.realm()
                                + "\" does not match: the server did not prove it knows the password"));
            }
        }
        info.param("nextnonce").ifPresent(next -> state.restart(state.challenge.withNonce(next), state.credentials,
                cnonceSource.get()));
        return Optional.empty();
    }

    private record RealmKey(CredentialsHeader header, String realm) {}

    /** Per-realm client state, guarded by the lock of the client. */
    private static final class RealmState {
        final RealmKey key;
        DigestChallenge challenge;
        DigestCredentials credentials;
        String cnonce;
        int nonceCount;
        boolean accepted;
        boolean rotationRetried;
        int staleRetries;
        DigestAnswer lastAnswer;

        RealmState(RealmKey key, DigestChallenge challenge, DigestCredentials credentials, String cnonce) {
            this.key = key;
            restart(challenge, credentials, cnonce);
        }

        /** Switches to a new nonce: nc starts again at 1 with a fresh cnonce (RFC 7616 section 3.4). */
        void restart(DigestChallenge newChallenge, DigestCredentials newCredentials, String newCnonce) {
            challenge = newChallenge;
            credentials = newCredentials;
            cnonce = newCnonce;
            nonceCount = 0;
        }
    }
}
