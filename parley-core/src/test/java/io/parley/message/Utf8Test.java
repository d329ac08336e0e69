package io.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Utf8Test {

    @ParameterizedTest(name = "[{0}] {1}")
    @CsvSource({
        "'', true",
        "41424344454647484950, true",
        "c3a9, true",
        "e6bca2, true",
        "f09f9880, true",
        "f48fbfbf, true",
        "c0af, false",
        "c2, false",
        "e08080, false",
        "eda080, false",
        "f08fbfbf, false",
        "f4908080, false",
        "f5808080, false",
        "80, false",
        "4142434445464748c3, false",
        "41424344454647484950ff, false"
    })
    void wellFormedMatchesUnicodeTable(String hex, boolean expected) {
        byte[] bytes = HexFormat.of().parseHex(hex);

        assertThat(Utf8.isWellFormed(bytes, 0, bytes.length)).isEqualTo(expected);
    }

    /** A range is well-formed exactly when decoding and encoding it again gives the same bytes. */
    @Test
    void wellFormedMatchesStringRoundTrip() {
        Random random = new Random(3629L);
        byte[] alphabet = HexFormat.of().parseHex("41207f80bfc0c1c2dfe0e1eceded9fa0eef0f1f3f4f5ff");
        for (int i = 0; i < 200_000; i++) {
            byte[] bytes = new byte[random.nextInt(12)];
            for (int j = 0; j < bytes.length; j++) {
                bytes[j] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : alphabet[random.nextInt(alphabet.length)];
            }
            boolean roundTrips = Arrays.equals(new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8), bytes);

            assertThat(Utf8.isWellFormed(bytes, 0, bytes.length)).as("%s", HexFormat.of().formatHex(bytes))
                    .isEqualTo(roundTrips);
        }
    }

    @Test
    void asciiPrefixEndFindsFirstNonAsciiByte() {
        byte[] bytes = "abcdefghijklmnop\u00e9xyz".getBytes(StandardCharsets.UTF_8);

        assertThat(Utf8.asciiPrefixEnd(bytes, 0, bytes.length)).isEqualTo(16);
        assertThat(Utf8.asciiPrefixEnd(bytes, 3, 10)).isEqualTo(10);
        assertThat(Utf8.asciiPrefixEnd(bytes, 17, bytes.length)).isEqualTo(17);
        assertThat(Utf8.asciiPrefixEnd(bytes, 18, bytes.length)).isEqualTo(bytes.length);
    }
}
