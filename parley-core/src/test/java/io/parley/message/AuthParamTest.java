package io.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values that cannot be written into an authentication header. */
class AuthParamTest {

    @ParameterizedTest
    @ValueSource(strings = {"a\r\nX-Injected: 1", "a\u0000", "a\u001b[31m", "a\u007f"})
    void rejectsControlCharacterInValue(String value) {
        assertThatIllegalArgumentException().isThrownBy(() -> AuthParam.quoted("username", value))
                .withMessageContaining("'username'")
                .withMessageContaining("control character");
        assertThatIllegalArgumentException().isThrownBy(() -> AuthParam.token("nc", value))
                .withMessageContaining("'nc'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\tb", "b\u00fccher", "a\"b\\c"})
    void acceptsTabNonAsciiAndEscapedCharactersInQuotedValue(String value) {
        StringBuilder out = new StringBuilder();
        AuthParam.quoted("realm", value).appendTo(out);

        assertThat(out.toString()).startsWith("realm=\"").endsWith("\"");
    }
}
