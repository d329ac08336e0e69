package io.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.AuthValue;
import io.parley.parser.AuthValueParser;
import io.parley.parser.ParseResult;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.function.Supplier;

/** Shared helpers for the digest tests. */
final class DigestTestSupport {

    static final byte[] NO_BODY = new byte[0];

    private DigestTestSupport() {
    }

    /** Parses a header value such as {@code Digest realm="a", nonce="b"}. */
    static AuthValue parse(String headerValue) {
        ParseResult<AuthValue> result = AuthValueParser.parseChallengeOrCredentials(headerValue);
        assertThat(result).as("parse of %s", headerValue).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed<AuthValue>) result).value();
    }

    /** Parses an Authentication-Info value. */
    static AuthValue parseInfo(String headerValue) {
        ParseResult<AuthValue> result = AuthValueParser.parseParamList(headerValue);
        assertThat(result).as("parse of %s", headerValue).isInstanceOf(ParseResult.Parsed.class);
        return ((ParseResult.Parsed<AuthValue>) result).value();
    }

    /** Parses several header values. */
    static List<AuthValue> parseAll(String... headerValues) {
        return Arrays.stream(headerValues).map(DigestTestSupport::parse).toList();
    }

    /** Returns a cnonce source that hands out the given values in order, then fails the test. */
    static Supplier<String> cnonces(String... values) {
        Deque<String> queue = new ArrayDeque<>(List.of(values));
        return () -> {
            assertThat(queue).as("cnonces left for the test").isNotEmpty();
            return queue.removeFirst();
        };
    }

    /** Returns the only value of a Send decision, failing the test for anything else. */
    static AuthValue onlyValue(AuthDecision decision) {
        assertThat(decision).isInstanceOf(AuthDecision.Send.class);
        List<AuthValue> values = ((AuthDecision.Send) decision).values();
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    /** Returns the header of a Send decision, failing the test for anything else. */
    static CredentialsHeader headerOf(AuthDecision decision) {
        assertThat(decision).isInstanceOf(AuthDecision.Send.class);
        return ((AuthDecision.Send) decision).header();
    }

    /** Returns the GiveUp of a decision, failing the test for anything else. */
    static AuthDecision.GiveUp giveUpOf(AuthDecision decision) {
        assertThat(decision).isInstanceOf(AuthDecision.GiveUp.class);
        return (AuthDecision.GiveUp) decision;
    }
}
