package io.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

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

    @Test
    void missingPeerFailsUnderContinuousIntegration() {
        assertThatThrownBy(() -> PeerBinary.require("parley-no-such-peer", "parley-peer-package", true))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageContaining("'parley-peer-package'");
    }

    @Test
    void missingPeerAbortsElsewhere() {
        assertThatThrownBy(() -> PeerBinary.require("parley-no-such-peer", "parley-peer-package", false))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("'parley-peer-package'");
    }
}
