package io.parley.bench;

import io.parley.message.Header;
import io.parley.message.HeaderName;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Two floors for the parser benchmarks, written for the well-formed sample messages only: a scan
 * for line ends and colons that reads eight bytes at a time, and the same scan that also builds
 * Parley's header list (name lookup and one {@link Header} per line) without reading any value.
 */
final class LineScans {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long LINE_FEEDS = 0x0A0A_0A0A_0A0A_0A0AL;
    private static final long COLONS = 0x3A3A_3A3A_3A3A_3A3AL;

    private LineScans() {
    }

    /**
     * Returns the body offset in the high 32 bits and the number of header lines in the low 32 bits,
     * as {@link ParserBenchmark#bareScan(byte[])} does, finding each LF and each line's first colon
     * eight bytes at a time.
     */
    static long wordScan(byte[] input) {
        int pos = indexOf(input, 0, LINE_FEEDS, '\n') + 1;
        int lines = 0;
        while (input[pos] != '\r' && input[pos] != '\n') {
            int lineFeed = indexOf(input, pos, LINE_FEEDS, '\n');
            if (indexOf(input, pos, COLONS, ':') > lineFeed) {
                return -1;
            }
            lines++;
            pos = lineFeed + 1;
        }
        int bodyStart = input[pos] == '\r' ? pos + 2 : pos + 1;
        return ((long) bodyStart << 32) | lines;
    }

    /**
     * Returns the headers of the message, each with its name looked up and its value range, and
     * nothing parsed: what building Parley's header list costs before any value is read.
     */
    static List<Header> headerList(byte[] input) {
        List<Header> headers = new ArrayList<>(16);
        int pos = indexOf(input, 0, LINE_FEEDS, '\n') + 1;
        while (input[pos] != '\r' && input[pos] != '\n') {
            int colon = indexOf(input, pos, COLONS, ':');
            int lineFeed = indexOf(input, colon, LINE_FEEDS, '\n');
            HeaderName name = HeaderName.fromBytes(input, pos, colon - pos);
            headers.add(Header.fromWire(name, input, colon + 2, lineFeed - 1, null));
            pos = lineFeed + 1;
        }
        return headers;
    }

    /** Returns the offset of the first byte equal to {@code target} from {@code from}; {@code pattern} repeats it. */
    private static int indexOf(byte[] input, int from, long pattern, char target) {
        int pos = from;
        while (pos <= input.length - Long.BYTES) {
            long word = (long) LONGS.get(input, pos) ^ pattern;
            long found = (word - ONES) & ~word & HIGH_BITS;
            if (found != 0) {
                return pos + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            pos += Long.BYTES;
        }
        while (input[pos] != target) {
            pos++;
        }
        return pos;
    }
}
