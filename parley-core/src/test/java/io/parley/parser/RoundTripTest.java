package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.SipMessage;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Parse, serialise, parse again: the second message equals the first. */
class RoundTripTest {

    static Stream<Arguments> acceptedTortureMessages() {
        return TortureMessages.acceptedByParser();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedTortureMessages")
    void tortureMessageRoundTrips(String name, byte[] bytes) {
        SipMessage first = parse(bytes);

        byte[] canonical = first.toBytes();
        SipMessage second = parse(canonical);

        assertThat(second).isEqualTo(first);
        assertThat(second.toBytes()).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("acceptedTortureMessages")
    void parsedMessageKeepsItsExactBytes(String name, byte[] bytes) {
        MessageParseResult.Parsed parsed = (MessageParseResult.Parsed) SipParser.parseDatagram(bytes);

        byte[] raw = parsed.message().rawBytes().orElseThrow();

        assertThat(raw).hasSize(parsed.consumed());
        assertThat(raw).isEqualTo(java.util.Arrays.copyOf(bytes, parsed.consumed()));
    }

    @Test
    void generatedMessagesRoundTrip() {
        Random random = new Random(20261204L);
        MessageGenerator generator = new MessageGenerator(random);
        for (int i = 0; i < 2_000; i++) {
            SipMessage built = generator.next();

            byte[] bytes = built.toBytes();
            SipMessage parsed = parse(bytes);

            assertThat(parsed).as("message %d:%n%s", i, new String(bytes, java.nio.charset.StandardCharsets.UTF_8))
                    .isEqualTo(built);
        }
    }

    static SipMessage parse(byte[] bytes) {
        MessageParseResult result = SipParser.parseDatagram(bytes);
        assertThat(result).as("%s", result).isInstanceOf(MessageParseResult.Parsed.class);
        return ((MessageParseResult.Parsed) result).message();
    }
}
