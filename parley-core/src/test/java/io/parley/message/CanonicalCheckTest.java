package io.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalCheckTest {

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "Digest username=\"a\", realm=\"r\", nc=00000001 | true",
        "Digest | true",
        "Digest realm=\"a \\\" b \\\\ c\" | true",
        "Digest realm=\"caf\u00e9\" | true",
        "Digest  realm=\"r\" | false",
        "Digest realm=\"r\",nonce=\"n\" | false",
        "Digest realm=\"r\" , nonce=\"n\" | false",
        "Digest realm = \"r\" | false",
        "Digest realm=\"a\\b\" | false",
        "Digest realm=\"tab\there\" | false",
        "Digest realm=\"unterminated | false",
        "Digest realm= | false",
        "Digest uri=sip:a@b | false",
        "Digest realm=\"r\", | false",
        "Bearer abc== | false",
        "`` | false"
    })
    void challengeOrCredentialsIsCanonicalOnlyAsFormatted(String text, boolean expected) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        assertThat(CanonicalCheck.isChallengeOrCredentials(bytes, 0, bytes.length)).isEqualTo(expected);
    }

    @Test
    void rejectsMalformedUtf8AuthHeader() {
        String text = "Digest username=\"caf\u00e9\", realm=\"r\"";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);

        assertThat(CanonicalCheck.isCanonical(HeaderName.AUTHORIZATION, utf8, 0, utf8.length)).isTrue();
        assertThat(CanonicalCheck.isCanonical(HeaderName.AUTHORIZATION, latin1, 0, latin1.length)).isFalse();
    }

    @Test
    void rejectsHeaderWithoutCheck() {
        byte[] bytes = "Parley/1.0".getBytes(StandardCharsets.UTF_8);

        assertThat(CanonicalCheck.isCanonical(HeaderName.USER_AGENT, bytes, 0, bytes.length)).isFalse();
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "INVITE, ACK, BYE | true",
        "timer | true",
        "`` | true",
        "INVITE,ACK | false",
        "INVITE ,ACK | false",
        "INVITE,  ACK | false",
        "INVITE, | false",
        "`, INVITE` | false"
    })
    void tokenListIsCanonicalOnlyAsJoined(String text, boolean expected) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        assertThat(CanonicalCheck.isTokenList(bytes, 0, bytes.length)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "application/sdp | true",
        "multipart/mixed;boundary=abc;flag | true",
        "application / sdp | false",
        "application/sdp; level=1 | false",
        "multipart/mixed;boundary=\"x\" | false",
        "application/ | false",
        "application/sdp;level= | false"
    })
    void mediaTypeIsCanonicalOnlyAsFormatted(String text, boolean expected) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        assertThat(CanonicalCheck.isMediaType(bytes, 0, bytes.length)).isEqualTo(expected);
    }
}
