package io.parley.auth;

import java.util.Optional;

/** Checks the parameters of received credentials against the server configuration, before any hashing. */
final class AnswerFormCheck {

    private final ServerConfig config;
    private final ReceivedCredentials received;
    private final String requestUri;

    AnswerFormCheck(ServerConfig config, ReceivedCredentials received, String requestUri) {
        this.config = config;
        this.received = received;
        this.requestUri = requestUri;
    }

    /** Returns the first problem found, or empty when the answer is well formed. */
    Optional<Verification.Rejected> check() {
        Optional<String> missing = received.firstMissingRequired();
        if (missing.isPresent()) {
            return reject(RejectReason.MISSING_PARAMETER, "the " + missing.get() + " parameter is missing");
        }
        String realm = received.realm().orElseThrow();
        if (!realm.equals(config.realm())) {
            return reject(RejectReason.REALM_MISMATCH,
                    "realm \"" + DigestServer.shorten(realm) + "\" is not \"" + config.realm() + "\"");
        }
        Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromParameter(received.algorithm());
        if (algorithm.isEmpty() || !config.algorithms().contains(algorithm.get())) {
            return reject(RejectReason.ALGORITHM_NOT_OFFERED, "algorithm "
                    + received.algorithm().orElse("MD5 (by default)") + " was not offered; offered "
                    + config.algorithms().stream().map(DigestAlgorithm::ianaName).toList());
        }
        String uri = received.uri().orElseThrow();
        // RFC 7616 section 3.4.6: the uri must name the resource of the request.
        if (!uri.equals(requestUri)) {
            return reject(RejectReason.URI_MISMATCH, "uri \"" + DigestServer.shorten(uri)
                    + "\" differs from the Request-URI \"" + DigestServer.shorten(requestUri) + "\"");
        }
        if (config.opaque().isPresent() && !config.opaque().equals(received.opaque())) {
            return reject(RejectReason.OPAQUE_MISMATCH, "opaque is missing or differs from the one in the challenge");
        }
        return checkQop(algorithm.get());
    }

    private Optional<Verification.Rejected> checkQop(DigestAlgorithm algorithm) {
        if (received.qop().isEmpty()) {
            if (!config.qopOptions().isEmpty() && config.policy() == ServerConfig.Policy.STRICT) {
                return reject(RejectReason.QOP_REQUIRED, "qop was offered but the answer has no qop, cnonce or nc "
                        + "(RFC 2069 form), which this server does not accept");
            }
            if (algorithm.isSession() && received.cnonce().isEmpty()) {
                return reject(RejectReason.MISSING_CNONCE, algorithm.ianaName() + " needs a cnonce");
            }
            return Optional.empty();
        }
        Optional<Qop> qop = Qop.fromToken(received.qop().get());
        if (qop.isEmpty() || !config.qopOptions().contains(qop.get())) {
            return reject(RejectReason.QOP_NOT_OFFERED, "qop \"" + DigestServer.shorten(received.qop().get())
                    + "\" was not offered");
        }
        if (received.cnonce().isEmpty() || received.cnonce().get().isEmpty()) {
            return reject(RejectReason.MISSING_CNONCE, "qop=" + qop.get().token() + " needs a cnonce");
        }
        if (received.nc().isEmpty()) {
            return reject(RejectReason.MISSING_NC, "qop=" + qop.get().token() + " needs an nc");
        }
        if (received.nonceCount() < 0) {
            return reject(RejectReason.INVALID_NC, "nc \"" + DigestServer.shorten(received.nc().get())
                    + "\" is not 8 hex digits above zero");
        }
        return Optional.empty();
    }

    private static Optional<Verification.Rejected> reject(RejectReason reason, String detail) {
        return Optional.of(DigestServer.reject(reason, detail));
    }
}
