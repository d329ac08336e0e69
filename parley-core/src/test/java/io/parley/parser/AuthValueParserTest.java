package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.AuthValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Hostile and malformed authentication header values. */
class AuthValueParserTest {

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
}
