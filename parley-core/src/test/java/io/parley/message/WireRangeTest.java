package io.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The branch and tag ranges that the parser passes to {@link Via#fromWire} and {@link NameAddress#fromWire}. */
class WireRangeTest {

    private static final byte[] VIA = "h;branch=z9hG4bK1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ADDRESS = ";tag=t1".getBytes(StandardCharsets.US_ASCII);

    private static Via via(int branchStart, int branchEnd) {
        return Via.fromWire("SIP", "2.0", "UDP", VIA, 0, 1, -1, 1, VIA.length, branchStart, branchEnd);
    }

    private static NameAddress address(int tagStart, int tagEnd) {
        return NameAddress.fromWire(ADDRESS, 0, 0, SipUri.of("a", "example.com"), 0, ADDRESS.length, tagStart, tagEnd);
    }

    @Test
    void viaReadsBranchFromEachRangeKind() {
        assertThat(via(9, VIA.length).branch()).hasValue("z9hG4bK1");
        assertThat(via(Via.UNKNOWN_RANGE, 0).branch()).hasValue("z9hG4bK1");
        assertThat(via(Via.ABSENT_RANGE, 0).branch()).isEmpty();
    }

    @Test
    void viaRejectsUndefinedRangeStart() {
        assertThatThrownBy(() -> via(-3, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-3");
    }

    @Test
    void addressReadsTagFromEachRangeKind() {
        assertThat(address(5, ADDRESS.length).tag()).hasValue("t1");
        assertThat(address(Via.UNKNOWN_RANGE, 0).tag()).hasValue("t1");
        assertThat(address(Via.ABSENT_RANGE, 0).tag()).isEmpty();
    }

    @Test
    void addressRejectsUndefinedRangeStart() {
        assertThatThrownBy(() -> address(-3, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-3");
    }
}
