package io.parley.auth;

import io.parley.message.AuthValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Explains whether an Authorization value correctly answers a challenge, for people debugging a
 * registration. Unlike {@link DigestServer}, it knows the password and reports every problem it
 * finds instead of the first.
 *
 * @param correct whether the answer is right in form and digest
 * @param findings each problem in words, with the RFC section it breaks; empty when correct
 */
public record AnswerDiagnosis(boolean correct, List<String> findings) {

    public AnswerDiagnosis {
        findings = List.copyOf(findings);
    }

    /**
     * Diagnoses {@code answer} as a reply to {@code challengeValue}.
     *
     * @param username the plain username, needed only when the answer uses {@code userhash=true}
     * @param method the method of the request that carried the answer
     * @param body the body of that request, hashed for {@code auth-int}
     */
    public static AnswerDiagnosis diagnose(AuthValue challengeValue, AuthValue answer, Optional<String> username,
            String password, String method, byte[] body) {
        Objects.requireNonNull(password, "password");
        List<String> findings = new ArrayList<>();
        Optional<DigestChallenge> parsed = DigestChallenge.from(challengeValue);
        if (parsed.isEmpty()) {
            findings.add("the challenge is not a Digest challenge Parley can answer: "
                    + DigestChallenge.describe(challengeValue));
            return new AnswerDiagnosis(false, findings);
        }
        if (!answer.hasScheme(DigestChallenge.SCHEME)) {
            findings.add("the answer uses scheme \"" + answer.scheme() + "\", not Digest");
            return new AnswerDiagnosis(false, findings);
        }
        ReceivedCredentials received = ReceivedCredentials.from(answer);
        Optional<String> missing = received.firstMissingRequired();
        if (missing.isPresent()) {
            findings.add("the answer has no " + missing.get() + " parameter (RFC 7616 section 3.4)");
            return new AnswerDiagnosis(false, findings);
        }

        DiagnosisSteps steps = new DiagnosisSteps(parsed.get(), received, findings);
        steps.checkEchoedValues();
        Optional<DigestAlgorithm> algorithm = steps.checkAlgorithm();
        steps.checkQopForm();
        Optional<String> plainUsername = received.userhash() ? username : received.username();
        if (algorithm.isEmpty()) {
            return new AnswerDiagnosis(false, findings);
        }
        if (plainUsername.isEmpty()) {
            findings.add("the answer sends a hashed username (userhash=true); give the plain username to check the digest");
            return new AnswerDiagnosis(false, findings);
        }
        String baseHa1 = DigestMath.baseHa1(algorithm.get().base(), plainUsername.get(), parsed.get().realm(), password);
        steps.checkDigest(algorithm.get(), baseHa1, method, body);
        return new AnswerDiagnosis(findings.isEmpty(), findings);
    }

    /** The individual checks, each adding findings. */
    private record DiagnosisSteps(DigestChallenge challenge, ReceivedCredentials received, List<String> findings) {

        void checkEchoedValues() {
            if (!received.realm().orElseThrow().equals(challenge.realm())) {
                findings.add("realm \"" + received.realm().orElseThrow() + "\" is not the challenged realm \""
                        + challenge.realm() + "\"");
            }
            if (!received.nonce().orElseThrow().equals(challenge.nonce())) {
                findings.add("nonce \"" + received.nonce().orElseThrow() + "\" is not the challenged nonce \""
                        + challenge.nonce() + "\"");
            }
            if (challenge.opaque().isPresent() && !challenge.opaque().equals(received.opaque())) {
                findings.add("opaque is not echoed verbatim (RFC 7616 section 3.4)");
            }
        }

        Optional<DigestAlgorithm> checkAlgorithm() {
            Optional<DigestAlgorithm> algorithm = DigestAlgorithm.fromParameter(received.algorithm());
            if (algorithm.isEmpty()) {
                findings.add("algorithm " + received.algorithm().orElseThrow() + " is unknown");
            } else if (algorithm.get() != challenge.algorithm()) {
                findings.add("algorithm " + algorithm.get().ianaName() + " differs from the challenged "
                        + challenge.algorithm().ianaName());
            }
            return algorithm;
        }

        void checkQopForm() {
            Optional<Set<Qop>> offered = challenge.qopOptions();
            if (received.qop().isEmpty()) {
                if (offered.isPresent()) {
                    findings.add("qop=" + offeredList(offered.get()) + " was offered but the answer has no qop, "
                            + "cnonce or nc; a client must answer with one of the offered qop values "
                            + "(RFC 2617 section 3.2.2)");
                }
                return;
            }
            Optional<Qop> used = Qop.fromToken(received.qop().get());
            if (offered.isEmpty()) {
                findings.add("the answer has qop=" + received.qop().get() + " but the challenge offered no qop");
            } else if (used.isEmpty() || !offered.get().contains(used.get())) {
                findings.add("qop=" + received.qop().get() + " was not offered; offered " + offeredList(offered.get()));
            }
            if (received.cnonce().isEmpty()) {
                findings.add("qop is present but cnonce is missing (RFC 7616 section 3.4)");
            }
            if (received.nonceCount() < 0) {
                findings.add("qop is present but nc is missing or not 8 hex digits above zero (RFC 7616 section 3.4)");
            }
        }

        void checkDigest(DigestAlgorithm algorithm, String baseHa1, String method, byte[] body) {
            Optional<Qop> qop = received.qop().flatMap(Qop::fromToken);
            DigestInput input = new DigestInput(algorithm, received.nonce().orElseThrow(), method,
                    received.uri().orElseThrow(), qop, received.cnonce().orElse(""), received.nc().orElse(""), body);
            String expected = DigestMath.calculate(input, baseHa1).response();
            boolean matches = DigestServer.constantTimeEquals(expected, received.response().orElseThrow());
            if (received.qop().isEmpty()) {
                if (challenge.qopOptions().isPresent()) {
                    findings.add(matches
                            ? "its digest matches the RFC 2069 form H(HA1:nonce:HA2), so the password is right "
                                    + "but the answer ignores the offered qop"
                            : "its digest does not match the RFC 2069 form either: wrong password, method or uri");
                } else if (!matches) {
                    findings.add("response does not match the RFC 2069 form H(HA1:nonce:HA2): wrong password, "
                            + "method or uri");
                }
                return;
            }
            if (!matches) {
                findings.add("response does not match the one computed from the password, method " + method
                        + ", uri \"" + received.uri().orElseThrow() + "\"" + (qop.filter(q -> q == Qop.AUTH_INT)
                        .isPresent() ? " and body" : "") + ": wrong password, or the client hashed other values");
            }
        }

        private static String offeredList(Set<Qop> offered) {
            List<String> tokens = new ArrayList<>();
            for (Qop qop : Qop.values()) {
                if (offered.contains(qop)) {
                    tokens.add(qop.token());
                }
            }
            return String.join(",", tokens);
        }
    }
}
