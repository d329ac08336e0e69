package io.parley.auth;

import io.parley.message.AuthParam;
import io.parley.message.AuthValue;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One Authorization or Proxy-Authorization value and the computation behind it.
 *
 * <p>{@link #toString()} shows the value with the response masked and hides the computation.
 *
 * @param value the credentials to send
 * @param input the values hashed, kept to verify {@code rspauth} later
 * @param calculation the intermediate hashes
 */
public record DigestAnswer(AuthValue value, DigestInput input, DigestCalculation calculation) {

    public DigestAnswer {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(calculation, "calculation");
    }

    /**
     * Builds the credentials answering {@code challenge}.
     *
     * <p>RFC 7616 section 3.4 and RFC 3261 section 22.4: username, realm, nonce, uri, response,
     * cnonce and opaque are quoted, and algorithm, qop and nc are tokens. A qop answer carries
     * exactly one qop token, the one hashed, with cnonce and nc. An RFC 2069 answer carries none
     * of the three.
     *
     * @param qop the qop to answer with, or empty for the RFC 2069 form
     * @param cnonce the client nonce, ignored for the RFC 2069 form unless the algorithm is a {@code -sess} one
     * @param nonceCount the nc value, from 1, ignored for the RFC 2069 form
     * @param requestUri the Request-URI of the request, copied byte for byte into {@code uri}
     * @param body the exact body bytes, hashed for {@code auth-int}
     */
    public static DigestAnswer build(DigestChallenge challenge, DigestCredentials credentials, Optional<Qop> qop,
            String cnonce, int nonceCount, String method, String requestUri, byte[] body) {
        if (qop.isPresent() && (cnonce.isEmpty() || nonceCount < 1)) {
            throw new IllegalArgumentException("a qop answer needs a cnonce and a nonce count of 1 or more");
        }
        if (challenge.algorithm().isSession() && cnonce.isEmpty()) {
            throw new IllegalArgumentException(challenge.algorithm().ianaName() + " needs a cnonce");
        }
        DigestAlgorithm algorithm = challenge.algorithm();
        String nc = qop.isPresent() ? formatNonceCount(nonceCount) : "";
        // A -sess HA1 hashes the cnonce, so a -sess answer carries one even in the RFC 2069 form,
        // although RFC 2617 section 3.2.2 sends cnonce only with qop.
        boolean sendsCnonce = qop.isPresent() || algorithm.isSession();
        String usedCnonce = sendsCnonce ? cnonce : "";
        DigestInput input = new DigestInput(algorithm, challenge.nonce(), method, requestUri, qop, usedCnonce, nc, body);
        DigestCalculation calculation = DigestMath.calculate(input, credentials.baseHa1(algorithm, challenge.realm()));

        List<AuthParam> params = new ArrayList<>();
        String username = challenge.userhash()
                ? DigestMath.userhash(algorithm.base(), credentials.username(), challenge.realm())
                : credentials.username();
        params.add(AuthParam.quoted("username", username));
        params.add(AuthParam.quoted("realm", challenge.realm()));
        params.add(AuthParam.quoted("nonce", challenge.nonce()));
        params.add(AuthParam.quoted("uri", requestUri));
        params.add(AuthParam.quoted("response", calculation.response()));
        if (challenge.algorithmNamed() || algorithm != DigestAlgorithm.MD5) {
            params.add(AuthParam.token("algorithm", algorithm.ianaName()));
        }
        if (sendsCnonce) {
            params.add(AuthParam.quoted("cnonce", usedCnonce));
        }
        challenge.opaque().ifPresent(opaque -> params.add(AuthParam.quoted("opaque", opaque)));
        if (qop.isPresent()) {
            params.add(AuthParam.token("qop", qop.get().token()));
            params.add(AuthParam.token("nc", nc));
        }
        if (challenge.userhash()) {
            params.add(AuthParam.token("userhash", "true"));
        }
        return new DigestAnswer(AuthValue.of(DigestChallenge.SCHEME, params), input, calculation);
    }

    /** Formats a nonce count as the 8 lower-case hex digits of RFC 7616 section 3.4. */
    public static String formatNonceCount(int nonceCount) {
        return HexFormat.of().toHexDigits(nonceCount);
    }

    @Override
    public String toString() {
        return "DigestAnswer[" + value.formatMasked() + "]";
    }
}
