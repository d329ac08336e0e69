package io.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;

class PeerBinaryTest {

    @Test
    void findsNothingForUnknownCommand() {
        assertThat(PeerBinary.find("parley-no-such-peer")).isEmpty();
    }

    @Test
    void findsExecutableInSbin() {
        // kamailio is installed to /usr/sbin, which is not on every user's PATH.
        assertThat(PeerBinary.require("kamailio", "kamailio"))
                .satisfies(path -> assertThat(Files.isExecutable(path)).isTrue())
                .hasFileName("kamailio");
    }
}
