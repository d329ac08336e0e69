package io.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HeaderNameTest {

    @ParameterizedTest
    @CsvSource({"v, Via", "F, From", "t, To", "i, Call-ID", "m, Contact", "l, Content-Length",
        "c, Content-Type", "e, Content-Encoding", "s, Subject", "k, Supported", "o, Event",
        "www-authenticate, WWW-Authenticate", "CALL-ID, Call-ID", "cseq, CSeq"})
    void findsConstantForAnySpelling(String spelling, String fullName) {
        HeaderName name = HeaderName.of(spelling);

        assertThat(name.isKnown()).isTrue();
        assertThat(name.name()).isEqualTo(fullName);
    }

    @Test
    void comparesExtensionNamesWithoutCase() {
        assertThat(HeaderName.of("X-Custom")).isEqualTo(HeaderName.of("x-CUSTOM"));
        assertThat(HeaderName.of("X-Custom").isKnown()).isFalse();
    }

    @Test
    void rejectsNameThatIsNotToken() {
        assertThatThrownBy(() -> HeaderName.of("Bad Name")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void matchesCompactForm() {
        assertThat(HeaderName.VIA.matches("V")).isTrue();
        assertThat(HeaderName.VIA.matches("via")).isTrue();
        assertThat(HeaderName.VIA.matches("x")).isFalse();
    }
}
