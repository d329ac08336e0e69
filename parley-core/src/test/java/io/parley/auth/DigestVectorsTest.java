package io.parley.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.message.AuthValue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Runs every vector of testdata/digest/vectors.json through the digest code. */
class DigestVectorsTest {

    private static final String VECTORS = "/testdata/digest/vectors.json";

    static List<JsonNode> vectors() throws IOException {
        try (InputStream in = DigestVectorsTest.class.getResourceAsStream(VECTORS)) {
            assertThat(in).as(VECTORS + " on the test class path").isNotNull();
            List<JsonNode> result = new ArrayList<>();
            new ObjectMapper().readTree(in).get("vectors").forEach(result::add);
            return result;
        }
    }

    static List<JsonNode> correctVectors() throws IOException {
        return vectors().stream().filter(v -> !v.path("rfc_text_error").asBoolean(false)).toList();
    }

    static JsonNode printedErrorVector() throws IOException {
        return vectors().stream().filter(v -> v.path("rfc_text_error").asBoolean(false)).findFirst().orElseThrow();
    }

    @Test
    void vectorsFileFlagsOneError() throws IOException {
        assertThat(vectors()).hasSize(12);
        assertThat(vectors()).filteredOn(v -> v.path("rfc_text_error").asBoolean(false)).hasSize(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("correctVectors")
    void reproducesHa1(JsonNode vector) {
        DigestAlgorithm algorithm = algorithmOf(vector);
        String ha1 = DigestMath.baseHa1(algorithm.base(), text(vector, "username"), text(vector, "realm"),
                text(vector, "password"));

        assertThat(ha1).isEqualTo(text(vector, "ha1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("correctVectors")
    void reproducesResponse(JsonNode vector) {
        DigestAnswer answer = answer(vector);

        assertThat(answer.value().param("response")).contains(text(vector, "expected_response"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("correctVectors")
    void sendsExpectedUsernameParameter(JsonNode vector) {
        DigestAnswer answer = answer(vector);

        String expected = vector.has("expected_username_param")
                ? text(vector, "expected_username_param")
                : text(vector, "username");
        assertThat(answer.value().param("username")).contains(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("correctVectors")
    void sendsQopCnonceAndNcOnlyWithQop(JsonNode vector) {
        AuthValue value = answer(vector).value();

        if (vector.get("qop").isNull()) {
            assertThat(value.param("qop")).isEmpty();
            assertThat(value.param("cnonce")).isEmpty();
            assertThat(value.param("nc")).isEmpty();
        } else {
            assertThat(value.param("qop")).contains(text(vector, "qop"));
            assertThat(value.param("cnonce")).contains(text(vector, "cnonce"));
            assertThat(value.param("nc")).contains(text(vector, "nc"));
        }
    }

    @Test
    void printedRfc7616ExampleIsTruncatedSha512() throws Exception {
        JsonNode vector = printedErrorVector();
        String username = text(vector, "username");
        String realm = text(vector, "realm");

        String ha1 = truncatedSha512(username + ":" + realm + ":" + text(vector, "password"));
        String ha2 = truncatedSha512(text(vector, "method") + ":" + text(vector, "uri"));
        String response = truncatedSha512(ha1 + ":" + text(vector, "nonce") + ":" + text(vector, "nc") + ":"
                + text(vector, "cnonce") + ":" + text(vector, "qop") + ":" + ha2);

        assertThat(ha1).isEqualTo(text(vector, "ha1"));
        assertThat(response).isEqualTo(text(vector, "expected_response"));
        assertThat(truncatedSha512(username + ":" + realm)).isEqualTo(text(vector, "expected_username_param"));
    }

    @Test
    void sha512256DiffersFromPrintedRfc7616Example() throws IOException {
        JsonNode printed = printedErrorVector();
        JsonNode vector = vectorWithSha512256Algorithm(printed);

        DigestAnswer answer = answer(vector);

        assertThat(answer.value().param("response")).isPresent().get()
                .isNotEqualTo(text(printed, "expected_response"));
        assertThat(answer.value().param("username")).isPresent().get()
                .isNotEqualTo(text(printed, "expected_username_param"));
        assertThat(answer.value().param("response"))
                .contains("3798d4131c277846293534c3edc11bd8a5e4cdcbff78b05db9d95eeb1cec68a5");
    }

    private static JsonNode vectorWithSha512256Algorithm(JsonNode printed) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = printed.deepCopy();
        copy.put("algorithm", "SHA-512-256");
        return copy;
    }

    private static DigestAnswer answer(JsonNode vector) {
        DigestAlgorithm algorithm = algorithmOf(vector);
        Optional<Qop> qop = vector.get("qop").isNull() ? Optional.empty() : Qop.fromToken(text(vector, "qop"));
        DigestChallenge challenge = new DigestChallenge(text(vector, "realm"), text(vector, "nonce"),
                optionalText(vector, "opaque"), algorithm, true,
                qop.map(Set::of), false, vector.get("userhash").asBoolean());
        DigestCredentials credentials = new DigestCredentials(text(vector, "username"), text(vector, "password"));
        int nonceCount = vector.get("nc").isNull() ? 0 : Integer.parseInt(text(vector, "nc"), 16);
        byte[] body = vector.get("entity_body").isNull()
                ? new byte[0]
                : text(vector, "entity_body").getBytes(StandardCharsets.UTF_8);
        return DigestAnswer.build(challenge, credentials, qop, optionalText(vector, "cnonce").orElse(""), nonceCount,
                text(vector, "method"), text(vector, "uri"), body);
    }

    private static DigestAlgorithm algorithmOf(JsonNode vector) {
        return DigestAlgorithm.fromParameter(Optional.of(text(vector, "algorithm"))).orElseThrow();
    }

    private static String text(JsonNode vector, String field) {
        return vector.get(field).asText();
    }

    private static Optional<String> optionalText(JsonNode vector, String field) {
        JsonNode node = vector.get(field);
        return node == null || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }

    private static String truncatedSha512(String text) throws NoSuchAlgorithmException {
        byte[] full = MessageDigest.getInstance("SHA-512").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(Arrays.copyOf(full, 32));
    }
}
