package io.parley.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class Ha1AlgorithmTest {

    /**
     * HA1 vectors: the MD5 and SHA-256 inputs are those of RFC 2617 section 3.5 and RFC 7616 section
     * 3.9.1; the SHA-512-256 input is that of RFC 7616 section 3.9.2. Every HA1 was checked with
     * Python's hashlib ({@code md5}, {@code sha256}, {@code sha512_256}).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            MD5         | Mufasa    | testrealm@host.com    | Circle Of Life  | 939e7578ed9e3c518a452acee763bce9
            MD5         | Mufasa    | http-auth@example.org | Circle of Life  | 3d78807defe7de2157e2b0b6573a855f
            SHA_256     | Mufasa    | http-auth@example.org | Circle of Life  | 7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232
            SHA_512_256 | Jäsøn Doe | api@example.org       | Secret, or not? | 2d3d9f12c9f3d30011259dc5fecee005ae24de40e3e1f61806d03e65f1e6024f
            SHA_512_256 | Mufasa    | http-auth@example.org | Circle of Life  | fb174f5c3c7802721517cae13b98e2b8dae2e0118cb705d94ee29946319204ce
            """)
    void computesHa1(Ha1Algorithm algorithm, String user, String realm, String password, String expectedHa1) {
        assertThat(algorithm.ha1(user, realm, password.toCharArray())).isEqualTo(expectedHa1);
    }

    @Test
    void sha512256IsNotTruncatedSha512() {
        // The first 64 hex digits of SHA-512("Jäsøn Doe:api@example.org:Secret, or not?"), as RFC 7616
        // section 3.9.2 prints them.
        String truncatedSha512 = "5c6783001d858140bd16077dd8d4d3afaad20b9993c741f4cb675d057ff76c1b";

        String ha1 = Ha1Algorithm.SHA_512_256.ha1("Jäsøn Doe", "api@example.org", "Secret, or not?".toCharArray());

        assertThat(ha1).isNotEqualTo(truncatedSha512);
    }

    @Test
    void leavesCallersPasswordIntact() {
        char[] password = "Circle Of Life".toCharArray();

        Ha1Algorithm.MD5.ha1("Mufasa", "testrealm@host.com", password);

        assertThat(new String(password)).isEqualTo("Circle Of Life");
    }

    @Test
    void rejectsUnpairedSurrogateInPassword() {
        char[] password = {'a', '\uD800', 'b'};

        assertThatThrownBy(() -> Ha1Algorithm.SHA_256.ha1("alice", "example.com", password))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unpaired surrogate");
    }

    @Test
    void namesMatchDigestAlgorithmParameter() {
        assertThat(Ha1Algorithm.MD5.digestName()).isEqualTo("MD5");
        assertThat(Ha1Algorithm.SHA_256.digestName()).isEqualTo("SHA-256");
        assertThat(Ha1Algorithm.SHA_512_256.digestName()).isEqualTo("SHA-512-256");
    }
}
