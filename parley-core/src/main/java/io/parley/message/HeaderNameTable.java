package io.parley.message;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Open-addressing table from the lower-case bytes of a full or compact header name to its
 * {@link HeaderName} constant, so that the parser finds a name without building a string.
 */
final class HeaderNameTable {

    private static final int SIZE = 256;
    private static final byte[][] KEYS = new byte[SIZE][];
    private static final HeaderName[] VALUES = new HeaderName[SIZE];
    private static final List<HeaderName> REGISTERED = new ArrayList<>();

    private HeaderNameTable() {
    }

    static void register(HeaderName name) {
        REGISTERED.add(name);
        put(name.name().getBytes(StandardCharsets.US_ASCII), name);
        if (name.compactForm() != '\0') {
            put(new byte[] {(byte) name.compactForm()}, name);
        }
    }

    private static void put(byte[] key, HeaderName name) {
        byte[] lower = new byte[key.length];
        for (int i = 0; i < key.length; i++) {
            lower[i] = lowerCase(key[i]);
        }
        int slot = hash(lower, 0, lower.length) & (SIZE - 1);
        while (KEYS[slot] != null) {
            slot = (slot + 1) & (SIZE - 1);
        }
        KEYS[slot] = lower;
        VALUES[slot] = name;
    }

    /** Returns every registered name once, in registration order. */
    static List<HeaderName> names() {
        return List.copyOf(REGISTERED);
    }

    static HeaderName lookup(byte[] bytes, int offset, int length) {
        int slot = hash(bytes, offset, length) & (SIZE - 1);
        while (KEYS[slot] != null) {
            if (equalsLowerCase(KEYS[slot], bytes, offset, length)) {
                return VALUES[slot];
            }
            slot = (slot + 1) & (SIZE - 1);
        }
        return null;
    }

    /** Hashes the length and the first, middle and last bytes without case, so that a lookup reads few bytes twice. */
    private static int hash(byte[] bytes, int offset, int length) {
        if (length == 0) {
            return 0;
        }
        int h = length;
        h = 31 * h + lowerCase(bytes[offset]);
        h = 31 * h + lowerCase(bytes[offset + length / 2]);
        h = 31 * h + lowerCase(bytes[offset + length - 1]);
        return h ^ (h >>> 7);
    }

    private static boolean equalsLowerCase(byte[] key, byte[] bytes, int offset, int length) {
        if (key.length != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if (key[i] != lowerCase(bytes[offset + i])) {
                return false;
            }
        }
        return true;
    }

    private static byte lowerCase(byte b) {
        return b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
    }
}
