package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.HeaderName;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KnownNamesTest {

    @Test
    void findsEveryKnownNameInAnyCase() {
        for (HeaderName name : HeaderName.knownNames()) {
            for (String written : new String[] {name.name(), name.name().toLowerCase(Locale.ROOT),
                    name.name().toUpperCase(Locale.ROOT)}) {
                assertThat(KnownNames.name(find(written))).as(written).isSameAs(name);
            }
        }
    }

    @Test
    void findsEveryCompactForm() {
        for (HeaderName name : HeaderName.knownNames()) {
            if (name.compactForm() != '\0') {
                String compact = String.valueOf(name.compactForm());
                assertThat(KnownNames.name(find(compact))).as(compact).isSameAs(name);
                assertThat(KnownNames.name(find(compact.toUpperCase(Locale.ROOT)))).as(compact).isSameAs(name);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-Via", "Vi", "Viaa", "Call_ID", "Call-I", "Content-Lengths", "q", "Subject.", "To-"})
    void missesExtensionNames(String written) {
        assertThat(find(written)).isEqualTo(-1);
    }

    @Test
    void mapsTypedNamesToTheirKinds() {
        assertThat(KnownNames.kind(find("v"))).isEqualTo(HeaderKind.VIA);
        assertThat(KnownNames.kind(find("Record-Route"))).isEqualTo(HeaderKind.ROUTE);
        assertThat(KnownNames.kind(find("proxy-authorization"))).isEqualTo(HeaderKind.AUTH);
        assertThat(KnownNames.kind(find("Authentication-Info"))).isEqualTo(HeaderKind.AUTH_INFO);
        assertThat(KnownNames.kind(find("k"))).isEqualTo(HeaderKind.TOKEN_LIST);
        assertThat(KnownNames.kind(find("Server"))).isEqualTo(HeaderKind.TEXT);
    }

    @Test
    void marksOnlySingleHeaders() {
        assertThat(KnownNames.singleBit(find("i"))).isNotZero();
        assertThat(KnownNames.singleBit(find("Call-ID"))).isEqualTo(KnownNames.singleBit(find("i")));
        assertThat(KnownNames.singleBit(find("Contact"))).isZero();
        assertThat(KnownNames.singleBit(find("Route"))).isZero();
    }

    @Test
    void agreesWithHeaderNameOnShortTokens() {
        String tokenChars = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.!%*_+`'~";
        List<String> names = new ArrayList<>();
        for (char first : tokenChars.toCharArray()) {
            names.add(String.valueOf(first));
            for (char second : tokenChars.toCharArray()) {
                names.add("" + first + second);
            }
        }

        for (String written : names) {
            byte[] bytes = written.getBytes(StandardCharsets.US_ASCII);
            HeaderName expected = HeaderName.fromBytes(bytes, 0, bytes.length);
            int slot = find(written);
            if (expected.isKnown()) {
                assertThat(slot).as(written).isNotNegative();
                assertThat(KnownNames.name(slot)).as(written).isSameAs(expected);
            } else {
                assertThat(slot).as(written).isEqualTo(-1);
            }
        }
    }

    /**
     * Finds the name alone in its array, where the lookup compares byte by byte, and inside a header
     * line, where it compares words. Both must give the same slot.
     */
    private static int find(String written) {
        byte[] alone = written.getBytes(StandardCharsets.US_ASCII);
        int slot = KnownNames.find(alone, 0, alone.length);
        byte[] line = ("\r\n" + written + ": a value long enough for two words\r\n").getBytes(StandardCharsets.US_ASCII);
        assertThat(KnownNames.find(line, 2, 2 + alone.length)).as(written).isEqualTo(slot);
        return slot;
    }
}
