package io.parley.message;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Checks that received bytes are well-formed UTF-8, so that copying them equals a String round trip. */
final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Utf8() {
    }

    /**
     * Returns whether {@code bytes[from, to)} is well-formed UTF-8 by table 3-7 of the Unicode
     * Standard (no overlong form, no surrogate, nothing above U+10FFFF). Java's UTF-8 decoder reads
     * exactly those sequences without replacement, so such a range decoded and encoded again is
     * unchanged, and any other range changes.
     */
    static boolean isWellFormed(byte[] bytes, int from, int to) {
        int i = asciiPrefixEnd(bytes, from, to);
        while (i < to) {
            int lead = bytes[i] & 0xFF;
            if (lead < 0x80) {
                i++;
                continue;
            }
            int length = sequenceLength(bytes, i, to, lead);
            if (length == 0) {
                return false;
            }
            i += length;
        }
        return true;
    }

    /** Returns the index of the first byte at or after {@code from} that is not ASCII, or {@code to}. */
    static int asciiPrefixEnd(byte[] bytes, int from, int to) {
        int i = from;
        // Eight bytes at a time: a word without its high bits set contains ASCII only.
        for (; i + Long.BYTES <= to; i += Long.BYTES) {
            if (((long) LONGS.get(bytes, i) & 0x8080_8080_8080_8080L) != 0) {
                break;
            }
        }
        while (i < to && bytes[i] >= 0) {
            i++;
        }
        return i;
    }

    /** Returns the length of the well-formed sequence at {@code i} that starts with {@code lead}, or 0. */
    private static int sequenceLength(byte[] bytes, int i, int to, int lead) {
        if (lead >= 0xC2 && lead <= 0xDF) {
            return i + 1 < to && isContinuation(bytes[i + 1], 0x80, 0xBF) ? 2 : 0;
        }
        if (lead >= 0xE0 && lead <= 0xEF) {
            // E0 excludes overlong forms and ED the surrogates U+D800 to U+DFFF.
            int low = lead == 0xE0 ? 0xA0 : 0x80;
            int high = lead == 0xED ? 0x9F : 0xBF;
            boolean valid = i + 2 < to && isContinuation(bytes[i + 1], low, high)
                    && isContinuation(bytes[i + 2], 0x80, 0xBF);
            return valid ? 3 : 0;
        }
        if (lead >= 0xF0 && lead <= 0xF4) {
            // F0 excludes overlong forms and F4 code points above U+10FFFF.
            int low = lead == 0xF0 ? 0x90 : 0x80;
            int high = lead == 0xF4 ? 0x8F : 0xBF;
            boolean valid = i + 3 < to && isContinuation(bytes[i + 1], low, high)
                    && isContinuation(bytes[i + 2], 0x80, 0xBF) && isContinuation(bytes[i + 3], 0x80, 0xBF);
            return valid ? 4 : 0;
        }
        return 0;
    }

    private static boolean isContinuation(byte b, int low, int high) {
        int value = b & 0xFF;
        return value >= low && value <= high;
    }
}
