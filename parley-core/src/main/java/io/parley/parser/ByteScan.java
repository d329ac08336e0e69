package io.parley.parser;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Searches byte arrays eight bytes at a time, reading each group as one little-endian long and
 * testing all its bytes with a few arithmetic operations (SWAR).
 */
final class ByteScan {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long SPACES = 0x2020_2020_2020_2020L;
    private static final long DELS = 0x7F7F_7F7F_7F7F_7F7FL;
    private static final long EXCLAMATIONS = 0x2121_2121_2121_2121L;
    private static final long GREATER_THANS = 0x3E3E_3E3E_3E3E_3E3EL;
    private static final long QUOTES = 0x2222_2222_2222_2222L;
    private static final long BACKSLASHES = 0x5C5C_5C5C_5C5C_5C5CL;

    private ByteScan() {
    }

    /**
     * Returns the offset of the first control character (CTL = %x00-1F / %x7F) in
     * {@code bytes[from, to)}, or {@code to} when there is none.
     */
    static int indexOfControl(byte[] bytes, int from, int to) {
        int pos = from;
        while (pos <= to - Long.BYTES) {
            long word = (long) LONGS.get(bytes, pos);
            // A byte below 0x20 borrows when 0x20 is subtracted, which sets its high bit; ~word drops
            // bytes of 0x80 and above. Borrows only move to higher bytes, so the lowest flag is exact.
            long below = (word - SPACES) & ~word & HIGH_BITS;
            long found = below | zeroBytes(word ^ DELS);
            if (found != 0) {
                return pos + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            pos += Long.BYTES;
        }
        while (pos < to && !CharClass.CONTROL[bytes[pos] & 0xFF]) {
            pos++;
        }
        return pos;
    }

    /** Returns the offset of the first '"' or '\\' in {@code bytes[from, to)}, or {@code to} or more when there is none. */
    static int indexOfQuoteOrBackslash(byte[] bytes, int from, int to) {
        int pos = from;
        while (pos <= to - Long.BYTES) {
            long word = (long) LONGS.get(bytes, pos);
            long found = zeroBytes(word ^ QUOTES) | zeroBytes(word ^ BACKSLASHES);
            if (found != 0) {
                return pos + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            pos += Long.BYTES;
        }
        while (pos < to && bytes[pos] != '"' && bytes[pos] != '\\') {
            pos++;
        }
        return pos;
    }

    /** Flags the zero bytes of {@code word} in their high bits; the lowest flag is exact, higher ones may be false. */
    private static long zeroBytes(long word) {
        return (word - ONES) & ~word & HIGH_BITS;
    }

    /** Returns the offset of the first '>' or byte of 0x20 or below in {@code bytes[from, to)}, or {@code to}. */
    static int indexOfGreaterThanOrSpace(byte[] bytes, int from, int to) {
        int pos = from;
        while (pos <= to - Long.BYTES) {
            long word = (long) LONGS.get(bytes, pos);
            long found = ((word - EXCLAMATIONS) & ~word & HIGH_BITS) | zeroBytes(word ^ GREATER_THANS);
            if (found != 0) {
                return pos + (Long.numberOfTrailingZeros(found) >>> 3);
            }
            pos += Long.BYTES;
        }
        while (pos < to && bytes[pos] != '>' && (bytes[pos] & 0xFF) > 0x20) {
            pos++;
        }
        return pos;
    }
}
