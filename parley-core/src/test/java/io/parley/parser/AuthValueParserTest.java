package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.AuthValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile and malformed authentication header values. */
class AuthValueParserTest {

    private static AuthValue parsed(String input) {
        ParseResult<AuthValue> result = AuthValueParser.parseChallengeOrCredentials(input);
        assertThat(result).as("parse of %s", input).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed<AuthValue>) result).value();
    }

    private static ParseResult.Malformed<AuthValue> malformed(String input) {
        ParseResult<AuthValue> result = AuthValueParser.parseChallengeOrCredentials(input);
        assertThat(result).as("parse of %s", input).isInstanceOf(ParseResult.Malformed.class);
        return (ParseResult.Malformed<AuthValue>) result;
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Digest realm=\"a\u0000b\", nonce=\"n\"",
        "Digest realm=\"a\", nonce=\"n\u001b[31m\"",
        "Digest realm=\"a\r\nX-Injected: 1\", nonce=\"n\"",
        "Digest realm=\"a\u007f\", nonce=\"n\"",
        "Digest realm=\"a\\\u0000\", nonce=\"n\"",
        "Digest realm=a\u0000b, nonce=\"n\"",
        "Digest realm=\"a\", nonce=n\u0007"})
    void rejectsControlCharacterInValue(String input) {
        ParseResult.Malformed<AuthValue> result = malformed(input);

        assertThat(result.expected()).contains("control character");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Digest realm=\"a\", realm=\"b\", nonce=\"n\"",
        "Digest realm=\"a\", nonce=\"n1\", NONCE=\"n2\"",
        "Digest username=\"alice\", uri=\"sip:a\", uri=\"sip:b\""})
    void rejectsDuplicateParameter(String input) {
        ParseResult.Malformed<AuthValue> result = malformed(input);

        assertThat(result.expected()).contains("only once");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Digest realm=\"a\tb\", nonce=\"n\"",
        "Digest realm=\"b\u00fccher.example\", nonce=\"n\"",
        "Digest realm=\"a\", nonce=\"n\", qop=\"auth,auth-int\""})
    void acceptsTabNonAsciiAndCommaInQuotedValue(String input) {
        assertThat(AuthValueParser.parseChallengeOrCredentials(input)).isInstanceOf(ParseResult.Parsed.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Digest realm=\"abc, nonce=n", "Digest realm=\"abc\\", "Digest realm=\"abc\\\""})
    void rejectsUnterminatedQuotedString(String input) {
        assertThat(malformed(input).expected()).contains("closing '\"'");
    }

    @Test
    void keepsMegabyteNonceWhole() {
        String nonce = "x".repeat(1 << 20);

        assertThat(parsed("Digest realm=\"a\", nonce=\"" + nonce + "\"").param("nonce")).contains(nonce);
    }

    @Test
    void readsTenThousandParameters() {
        StringBuilder input = new StringBuilder("Digest realm=\"a\", nonce=\"n\"");
        for (int i = 0; i < 10_000; i++) {
            input.append(", p").append(i).append("=v");
        }

        assertThat(parsed(input.toString()).params()).hasSize(10_002);
    }

    @Test
    void readsToken68AndBareScheme() {
        assertThat(parsed("Bearer abc.def-ghi==").token68()).isEqualTo("abc.def-ghi==");
        assertThat(parsed("Digest").params()).isEmpty();
    }

    @Test
    void keepsCommasInsideQuotedValues() {
        AuthValue value = parsed("Digest realm=\"a,b\", nonce=\"n,m\", qop=\"auth,auth-int\"");

        assertThat(value.param("realm")).contains("a,b");
        assertThat(value.param("nonce")).contains("n,m");
        assertThat(value.param("qop")).contains("auth,auth-int");
    }
}
