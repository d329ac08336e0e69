package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.Header;
import io.parley.message.HeaderList;
import io.parley.message.HeaderName;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderValueParserTest {

    private static boolean addKnown(HeaderValueParser values, String name, byte[] bytes) {
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        int slot = KnownNames.find(nameBytes, 0, nameBytes.length);
        return values.add(slot, KnownNames.name(slot), 0, bytes.length);
    }

    @Test
    void seenIsFalseForAbsentHeaders() {
        byte[] bytes = "c1@192.0.2.80".getBytes(StandardCharsets.US_ASCII);
        HeaderList headers = new HeaderList();
        HeaderValueParser values = new HeaderValueParser(new ValueReader(bytes, 0, bytes.length), headers);

        assertThat(addKnown(values, "Call-ID", bytes)).isTrue();

        assertThat(values.seen(HeaderName.CALL_ID)).isTrue();
        assertThat(values.seen(HeaderName.CSEQ)).isFalse();
        assertThat(values.seen(HeaderName.CONTACT)).isFalse();
        assertThat(values.seen(HeaderName.SUBJECT)).isFalse();
    }
}
