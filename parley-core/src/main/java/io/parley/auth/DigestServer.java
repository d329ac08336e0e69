package io.parley.auth;

import io.parley.message.AuthParam;
import io.parley.message.AuthValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The server side of digest authentication: issues challenges and verifies credentials against a
 * {@link CredentialStore}. Safe to share between threads.
 */
public final class DigestServer {

    private static final byte[] NO_BODY = new byte[0];

    private final ServerConfig config;
    private final CredentialStore store;
    private final NonceIssuer nonces;
    private final NonceCountTracker nonceCounts;

    /** Creates a server; {@code nonceCounts} bounds the memory spent on replay protection. */
    public DigestServer(ServerConfig config, CredentialStore store, NonceIssuer nonces, NonceCountTracker nonceCounts) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.nonces = Objects.requireNonNull(nonces, "nonces");
        this.nonceCounts = Objects.requireNonNull(nonceCounts, "nonceCounts");
    }

    /**
     * Creates the challenges for a 401 or 407: one value per offered algorithm, strongest first
     * (RFC 8760 section 2.4), all with one fresh nonce. Each value is its own header line.
     *
     * @param stale whether to mark them {@code stale=true}, after {@link RejectReason#STALE_NONCE}
     */
    public List<AuthValue> challenges(boolean stale) {
        String nonce = nonces.issue();
        List<AuthValue> result = new ArrayList<>();
        for (DigestAlgorithm algorithm : config.algorithms()) {
            List<AuthParam> params = new ArrayList<>();
            params.add(AuthParam.quoted("realm", config.realm()));
            params.add(AuthParam.quoted("nonce", nonce));
            config.opaque().ifPresent(opaque -> params.add(AuthParam.quoted("opaque", opaque)));
            params.add(AuthParam.token("algorithm", algorithm.ianaName()));
            if (!config.qopOptions().isEmpty()) {
                params.add(AuthParam.quoted("qop", qopList()));
            }
            if (stale) {
                params.add(AuthParam.token("stale", "true"));
            }
            if (config.userhash()) {
                params.add(AuthParam.token("userhash", "true"));
            }
            result.add(AuthValue.of(DigestChallenge.SCHEME, params));
        }
        return result;
    }

    /**
     * Verifies credentials received in Authorization or Proxy-Authorization.
     *
     * @param requestUri the Request-URI of the request, which {@code uri} must equal exactly
     * @param body the request body, hashed for {@code auth-int}
     */
    public Verification verify(AuthValue credentials, String method, String requestUri, byte[] body) {
        if (!credentials.hasScheme(DigestChallenge.SCHEME)) {
            return reject(RejectReason.UNSUPPORTED_SCHEME, "scheme \"" + credentials.scheme() + "\" is not Digest");
        }
        ReceivedCredentials received = ReceivedCredentials.from(credentials);
        Optional<Verification.Rejected> formProblem = new AnswerFormCheck(config, received, requestUri).check();
        if (formProblem.isPresent()) {
            return formProblem.get();
        }
        DigestAlgorithm algorithm = DigestAlgorithm.fromParameter(received.algorithm()).orElseThrow();
        Optional<Qop> qop = received.qop().flatMap(Qop::fromToken);

        String nonce = received.nonce().orElseThrow();
        NonceIssuer.NonceCheck nonceCheck = nonces.check(nonce);
        if (nonceCheck.status() == NonceIssuer.NonceCheck.Status.UNKNOWN) {
            return reject(RejectReason.UNKNOWN_NONCE, "nonce \"" + shorten(nonce) + "\" was not issued by this server");
        }
        Optional<String> username = resolveUsername(received, algorithm);
        Optional<String> baseHa1 = username.flatMap(user -> store.ha1(user, config.realm(), algorithm.base()));
        if (baseHa1.isEmpty()) {
            return reject(RejectReason.UNKNOWN_USER, "user \"" + received.username().orElseThrow()
                    + "\" is not known in realm \"" + config.realm() + "\"");
        }

        DigestInput input = new DigestInput(algorithm, nonce, method, requestUri, qop,
                received.cnonce().orElse(""), received.nc().orElse(""), body);
        String expected = DigestMath.calculate(input, baseHa1.get()).response();
        if (!constantTimeEquals(expected, received.response().orElseThrow())) {
            return reject(RejectReason.WRONG_RESPONSE, "response for user \"" + username.get()
                    + "\" does not match: wrong password, or a different method, uri or body was hashed");
        }
        // RFC 7616 section 3.3: stale only when the digest is right, so a wrong password is never retried.
        if (nonceCheck.status() == NonceIssuer.NonceCheck.Status.STALE) {
            return reject(RejectReason.STALE_NONCE, "nonce issued at " + nonceCheck.issuedAt() + " has expired");
        }
        Optional<Verification.Rejected> replay = checkReplay(nonce, nonceCheck, received, qop);
        if (replay.isPresent()) {
            return replay.get();
        }
        return new Verification.Accepted(username.get(), algorithm, qop, authenticationInfo(input, baseHa1.get()));
    }

    private Optional<String> resolveUsername(ReceivedCredentials received, DigestAlgorithm algorithm) {
        String username = received.username().orElseThrow();
        if (received.userhash()) {
            return store.usernameForHash(username.toLowerCase(Locale.ROOT), config.realm(), algorithm.base());
        }
        return Optional.of(username);
    }

    private Optional<Verification.Rejected> checkReplay(String nonce, NonceIssuer.NonceCheck nonceCheck,
            ReceivedCredentials received, Optional<Qop> qop) {
        if (qop.isEmpty()) {
            // NOTE: an RFC 2069 answer has no nc, so it can be replayed until its nonce expires.
            return Optional.empty();
        }
        long nonceCount = received.nonceCount();
        return switch (nonceCounts.record(nonce, nonceCheck.issuedAt(), nonceCount)) {
            case ACCEPTED -> Optional.empty();
            case REPLAYED -> Optional.of(reject(RejectReason.NC_REPLAY,
                    "nc " + received.nc().orElseThrow() + " was already used with this nonce"));
            case FORGOTTEN -> Optional.of(reject(RejectReason.STALE_NONCE,
                    "nonce is no longer tracked for replay protection; a fresh one is needed"));
        };
    }

    /**
     * Builds Authentication-Info (RFC 7616 section 3.5) with a new nonce and {@code rspauth}.
     * TODO: rspauth for auth-int hashes an empty response body, which is right only for bodiless responses.
     */
    private Optional<AuthValue> authenticationInfo(DigestInput request, String baseHa1) {
        if (!config.authenticationInfo()) {
            return Optional.empty();
        }
        DigestInput forRspauth = new DigestInput(request.algorithm(), request.nonce(), "", request.uri(),
                request.qop(), request.cnonce(), request.nc(), NO_BODY);
        List<AuthParam> params = new ArrayList<>();
        params.add(AuthParam.quoted("nextnonce", nonces.issue()));
        request.qop().ifPresent(qop -> params.add(AuthParam.token("qop", qop.token())));
        params.add(AuthParam.quoted("rspauth", DigestMath.calculate(forRspauth, baseHa1).response()));
        if (request.qop().isPresent()) {
            params.add(AuthParam.quoted("cnonce", request.cnonce()));
            params.add(AuthParam.token("nc", request.nc()));
        }
        return Optional.of(AuthValue.of("", params));
    }

    private String qopList() {
        List<String> tokens = new ArrayList<>();
        for (Qop qop : Qop.values()) {
            if (config.qopOptions().contains(qop)) {
                tokens.add(qop.token());
            }
        }
        return String.join(",", tokens);
    }

    static boolean constantTimeEquals(String expectedHex, String receivedHex) {
        return MessageDigest.isEqual(expectedHex.getBytes(StandardCharsets.US_ASCII),
                receivedHex.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    static Verification.Rejected reject(RejectReason reason, String detail) {
        return new Verification.Rejected(reason, detail);
    }

    static String shorten(String value) {
        return value.length() <= 80 ? value : value.substring(0, 77) + "...";
    }
}
