package io.parley.message;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WireParametersTest {

    /** Each range is copied only when writing it through the cursor gives the same bytes. */
    @ParameterizedTest(name = "[{0}] header={1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`` | true | true",
        ";tag=1 | true | true",
        ";rport;branch=z9hG4bK1;lr | true | true",
        ";a=\"x;y, z\" | true | true",
        ";a=\"\\\"q\\\"\";b=2 | true | true",
        ";a=\"x\" | false | false",
        ";a= | true | false",
        "; tag=1 | true | false",
        ";tag=1 | true | true",
        ";a=1,b | true | false",
        ";a=\"x\"y | true | false",
        ";a=\"x | true | false",
        ";a=\"caf\u00e9\" | true | false",
        ";a=caf\u00e9 | false | false",
        ";a=b=c | false | false",
        "tag=1 | true | false"
    })
    void rangeIsWrittenAsReceivedOnlyWhenCursorAgrees(String text, boolean header, boolean expected) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);

        boolean copied = WireParameters.isWrittenAsReceived(bytes, 0, bytes.length, header);

        assertThat(copied).isEqualTo(expected);
        if (copied) {
            ByteSink out = new ByteSink(16);
            WireParameters cursor = header
                    ? WireParameters.header(bytes, 0, bytes.length)
                    : WireParameters.uri(bytes, 0, bytes.length);
            cursor.writeTo(out);
            assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(text);
        }
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {";a=\"fold\r\n ed\"", "; a = 1 ;b", ";a=;b=2", ";a=\"caf\u00e9\""})
    void rangeNotCopiedStillWritesAsAppended(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ByteSink out = new ByteSink(16);
        StringBuilder appended = new StringBuilder();

        WireParameters.writeHeaderParameters(out, bytes, 0, bytes.length);
        WireParameters.header(bytes, 0, bytes.length).appendTo(appended);

        assertThat(new String(out.toByteArray(), StandardCharsets.UTF_8)).isEqualTo(appended.toString());
    }
}
