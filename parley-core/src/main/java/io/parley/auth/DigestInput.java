package io.parley.auth;

import java.util.Objects;
import java.util.Optional;

/**
 * The values one digest response is computed from (RFC 7616 section 3.4.1).
 *
 * @param algorithm the algorithm, {@code -sess} forms included
 * @param nonce the server nonce with quoted-pairs already unescaped
 * @param method the request method; empty for {@code rspauth} (RFC 7616 section 3.5)
 * @param uri the digest-uri, byte for byte the Request-URI of the request
 * @param qop the qop the answer uses, or empty for the RFC 2069 form
 * @param cnonce the client nonce; empty for the RFC 2069 form
 * @param nc the nonce count as 8 hex digits; empty for the RFC 2069 form
 * @param body the exact message body bytes, hashed only for {@code auth-int}
 */
public record DigestInput(DigestAlgorithm algorithm, String nonce, String method, String uri,
        Optional<Qop> qop, String cnonce, String nc, byte[] body) {

    public DigestInput {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(qop, "qop");
        Objects.requireNonNull(cnonce, "cnonce");
        Objects.requireNonNull(nc, "nc");
        Objects.requireNonNull(body, "body");
    }

    /** Returns the same input for the server's {@code rspauth}, whose A2 has an empty method. */
    public DigestInput forResponseAuth() {
        return new DigestInput(algorithm, nonce, "", uri, qop, cnonce, nc, body);
    }
}
