package io.parley.auth;

import static io.parley.auth.DigestTestSupport.NO_BODY;
import static io.parley.auth.DigestTestSupport.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.AuthValue;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Diagnosis of captured digest answers, as {@code parley digest --check} prints it. */
class AnswerDiagnosisTest {

    private static final AuthValue CHALLENGE = parse(
            "Digest realm=\"proximiti\",nonce=\"1110991143\",qop=\"auth\",algorithm=MD5,opaque=\"op\"");
    private static final String RIGHT = "Digest username=\"23\",realm=\"proximiti\",nonce=\"1110991143\","
            + "response=\"%s\",uri=\"sip:208.38.169.93\",qop=%s,cnonce=\"1110991143\",nc=00000001,"
            + "algorithm=MD5,opaque=\"%s\"";

    private static AnswerDiagnosis diagnose(String answer) {
        return AnswerDiagnosis.diagnose(CHALLENGE, parse(answer), Optional.empty(), "4321", "REGISTER", NO_BODY);
    }

    @Test
    void acceptsCorrectAnswer() {
        AnswerDiagnosis diagnosis = diagnose(RIGHT.formatted("b1a07fd5d80fb8fb4c9c6898fed8bfe2", "auth", "op"));

        assertThat(diagnosis.correct()).isTrue();
        assertThat(diagnosis.findings()).isEmpty();
    }

    @Test
    void reportsOpaqueNotEchoed() {
        AnswerDiagnosis diagnosis = diagnose(RIGHT.formatted("b1a07fd5d80fb8fb4c9c6898fed8bfe2", "auth", "other"));

        assertThat(diagnosis.correct()).isFalse();
        assertThat(diagnosis.findings()).containsExactly("opaque is not echoed verbatim (RFC 7616 section 3.4)");
    }

    @Test
    void reportsQopNotOffered() {
        AnswerDiagnosis diagnosis = diagnose(RIGHT.formatted("b1a07fd5d80fb8fb4c9c6898fed8bfe2", "auth-int", "op"));

        assertThat(diagnosis.findings()).first().asString().contains("qop=auth-int was not offered");
    }

    @Test
    void reportsWrongResponse() {
        AnswerDiagnosis diagnosis = diagnose(RIGHT.formatted("00000000000000000000000000000000", "auth", "op"));

        assertThat(diagnosis.findings()).singleElement().asString().startsWith("response does not match");
    }

    @Test
    void reportsOtherNonce() {
        AnswerDiagnosis diagnosis = diagnose(RIGHT.formatted("b1a07fd5d80fb8fb4c9c6898fed8bfe2", "auth", "op")
                .replace("nonce=\"1110991143\"", "nonce=\"42\""));

        assertThat(diagnosis.findings()).first().asString().contains("is not the challenged nonce");
    }

    @Test
    void needsPlainUsernameForUserhash() {
        AnswerDiagnosis diagnosis = diagnose(RIGHT.formatted("b1a07fd5d80fb8fb4c9c6898fed8bfe2", "auth", "op")
                + ",userhash=true");

        assertThat(diagnosis.correct()).isFalse();
        assertThat(diagnosis.findings()).singleElement().asString().contains("give the plain username");
    }
}
