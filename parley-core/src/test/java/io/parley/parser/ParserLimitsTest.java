package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ParserLimitsTest {

    @Test
    void rejectsHeaderSectionLargerThanMessage() {
        assertThatThrownBy(() -> new ParserLimits(208, 805, 186, 13, 72))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxHeaderSectionSize 805 is larger than maxMessageSize 208; lower it or raise maxMessageSize");
    }
}
