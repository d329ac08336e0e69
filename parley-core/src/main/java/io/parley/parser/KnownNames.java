package io.parley.parser;

import io.parley.message.HeaderName;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

/**
 * Finds the {@link HeaderName} constant, its {@link HeaderKind} and its single-header bit for a
 * header name in the received bytes, full or compact, without case and without making a string.
 */
final class KnownNames {

    private static final int SIZE = 256;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Bit 0x20 in every byte: for token characters, setting it folds only the letters A to Z. */
    private static final long FOLD = 0x2020_2020_2020_2020L;
    private static final byte[][] KEYS = new byte[SIZE][];
    private static final HeaderName[] NAMES = new HeaderName[SIZE];
    private static final HeaderKind[] KINDS = new HeaderKind[SIZE];
    private static final boolean[] CHECKED_WHEN_READ = new boolean[SIZE];
    private static final int[] SINGLE_BITS = new int[SIZE];
    private static final int[] LENGTHS = new int[SIZE];
    /** The first eight bytes of each key as a little-endian word, zero past the key's end. */
    private static final long[] FIRST_WORDS = new long[SIZE];
    /** The last eight bytes of each key longer than eight bytes, and zero for a shorter key. */
    private static final long[] LAST_WORDS = new long[SIZE];
    /** MASKS[n] keeps the low n bytes of a little-endian word. */
    private static final long[] MASKS = {
        0L, 0xFFL, 0xFFFFL, 0xFF_FFFFL, 0xFFFF_FFFFL, 0xFF_FFFF_FFFFL, 0xFFFF_FFFF_FFFFL, 0xFF_FFFF_FFFF_FFFFL, -1L
    };
    /** The number of keys put so far. At most half the slots are used, so that every probe meets an empty slot. */
    private static int entries;

    /**
     * Headers that may appear once only, so a second one is a 400 (RFC 4475 section 3.3.8). Via
     * may repeat and is listed so that its presence is recorded.
     */
    private static final HeaderName[] SINGLE = {
        HeaderName.FROM, HeaderName.TO, HeaderName.CALL_ID, HeaderName.CSEQ, HeaderName.MAX_FORWARDS,
        HeaderName.CONTENT_TYPE, HeaderName.EXPIRES, HeaderName.MIN_EXPIRES, HeaderName.VIA
    };

    private static final Map<HeaderName, HeaderKind> TYPED = Map.ofEntries(
            Map.entry(HeaderName.VIA, HeaderKind.VIA),
            Map.entry(HeaderName.CONTACT, HeaderKind.CONTACT),
            Map.entry(HeaderName.ROUTE, HeaderKind.ROUTE),
            Map.entry(HeaderName.RECORD_ROUTE, HeaderKind.ROUTE),
            Map.entry(HeaderName.FROM, HeaderKind.ADDRESS),
            Map.entry(HeaderName.TO, HeaderKind.ADDRESS),
            Map.entry(HeaderName.CALL_ID, HeaderKind.CALL_ID),
            Map.entry(HeaderName.CSEQ, HeaderKind.CSEQ),
            Map.entry(HeaderName.CONTENT_LENGTH, HeaderKind.CONTENT_LENGTH),
            Map.entry(HeaderName.MAX_FORWARDS, HeaderKind.MAX_FORWARDS),
            Map.entry(HeaderName.EXPIRES, HeaderKind.DELTA_SECONDS),
            Map.entry(HeaderName.MIN_EXPIRES, HeaderKind.DELTA_SECONDS),
            Map.entry(HeaderName.CONTENT_TYPE, HeaderKind.CONTENT_TYPE),
            Map.entry(HeaderName.ALLOW, HeaderKind.TOKEN_LIST),
            Map.entry(HeaderName.SUPPORTED, HeaderKind.TOKEN_LIST),
            Map.entry(HeaderName.REQUIRE, HeaderKind.TOKEN_LIST),
            Map.entry(HeaderName.PROXY_REQUIRE, HeaderKind.TOKEN_LIST),
            Map.entry(HeaderName.UNSUPPORTED, HeaderKind.TOKEN_LIST),
            Map.entry(HeaderName.WARNING, HeaderKind.WARNING),
            Map.entry(HeaderName.RETRY_AFTER, HeaderKind.RETRY_AFTER),
            Map.entry(HeaderName.WWW_AUTHENTICATE, HeaderKind.AUTH),
            Map.entry(HeaderName.PROXY_AUTHENTICATE, HeaderKind.AUTH),
            Map.entry(HeaderName.AUTHORIZATION, HeaderKind.AUTH),
            Map.entry(HeaderName.PROXY_AUTHORIZATION, HeaderKind.AUTH),
            Map.entry(HeaderName.AUTHENTICATION_INFO, HeaderKind.AUTH_INFO));

    static {
        for (HeaderName name : HeaderName.knownNames()) {
            put(name.name().getBytes(StandardCharsets.US_ASCII), name);
            if (name.compactForm() != '\0') {
                put(new byte[] {(byte) name.compactForm()}, name);
            }
        }
    }

    private KnownNames() {
    }

    /**
     * Returns the slot of the name {@code bytes[from, to)}, which contains token characters only,
     * or -1 for an extension header.
     */
    static int find(byte[] bytes, int from, int to) {
        int length = to - from;
        int slot = spread(hash(bytes, from, to));
        if (length <= 2 * Long.BYTES && from + 2 * Long.BYTES <= bytes.length) {
            // Two eight-byte reads cover every name up to sixteen bytes: the first eight bytes, and
            // the eight that end the name. Bytes past the name are masked off.
            long first = ((long) LONGS.get(bytes, from) | FOLD) & MASKS[Math.min(length, Long.BYTES)];
            long last = length > Long.BYTES ? (long) LONGS.get(bytes, to - Long.BYTES) | FOLD : 0;
            while (KEYS[slot] != null) {
                if (LENGTHS[slot] == length && FIRST_WORDS[slot] == first && LAST_WORDS[slot] == last) {
                    return slot;
                }
                slot = (slot + 1) & (SIZE - 1);
            }
            return -1;
        }
        byte[] key;
        while ((key = KEYS[slot]) != null) {
            if (matches(key, bytes, from, to)) {
                return slot;
            }
            slot = (slot + 1) & (SIZE - 1);
        }
        return -1;
    }

    static HeaderName name(int slot) {
        return NAMES[slot];
    }

    static HeaderKind kind(int slot) {
        return KINDS[slot];
    }

    /** Returns {@link HeaderKind#isCheckedWhenRead()} of the name in {@code slot}. */
    static boolean isCheckedWhenRead(int slot) {
        return CHECKED_WHEN_READ[slot];
    }

    /** Returns the slot of a known {@code name}, found by its full name. */
    static int slot(HeaderName name) {
        byte[] bytes = name.name().getBytes(StandardCharsets.US_ASCII);
        return find(bytes, 0, bytes.length);
    }

    /** Returns the single-header bit of the name in {@code slot}, or 0 for a header that may repeat. */
    static int singleBit(int slot) {
        return SINGLE_BITS[slot];
    }

    private static boolean matches(byte[] key, byte[] bytes, int from, int to) {
        int length = key.length;
        if (length != to - from) {
            return false;
        }
        int i = 0;
        // Eight bytes at a time while they lie inside the array. The key is the folded name.
        for (; i + Long.BYTES <= length && from + i + Long.BYTES <= bytes.length; i += Long.BYTES) {
            if (((long) LONGS.get(bytes, from + i) | FOLD) != (long) LONGS.get(key, i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (key[i] != (byte) (bytes[from + i] | 0x20)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Hashes the length and the first and last bytes of a non-empty name without case, so that the
     * scan of the name needs no work per byte. For token characters, setting bit 0x20 changes only
     * the letters A to Z.
     */
    private static int hash(byte[] bytes, int from, int to) {
        return ((to - from) * 31 + (bytes[from] | 0x20)) * 31 + (bytes[to - 1] | 0x20);
    }

    private static int spread(int hash) {
        return (hash ^ (hash >>> 7) ^ (hash >>> 15)) & (SIZE - 1);
    }

    private static void put(byte[] name, HeaderName headerName) {
        byte[] key = new byte[name.length];
        for (int i = 0; i < name.length; i++) {
            key[i] = (byte) (name[i] | 0x20);
        }
        entries++;
        if (entries > SIZE / 2) {
            throw new IllegalStateException("too many header names: more than " + SIZE / 2 + " for " + SIZE
                    + " slots, so raise KnownNames.SIZE");
        }
        int slot = spread(hash(key, 0, key.length));
        while (KEYS[slot] != null) {
            slot = (slot + 1) & (SIZE - 1);
        }
        KEYS[slot] = key;
        LENGTHS[slot] = key.length;
        byte[] padded = Arrays.copyOf(key, Math.max(key.length, Long.BYTES));
        FIRST_WORDS[slot] = (long) LONGS.get(padded, 0) & MASKS[Math.min(key.length, Long.BYTES)];
        LAST_WORDS[slot] = key.length > Long.BYTES ? (long) LONGS.get(key, key.length - Long.BYTES) : 0;
        NAMES[slot] = headerName;
        KINDS[slot] = TYPED.getOrDefault(headerName, HeaderKind.TEXT);
        CHECKED_WHEN_READ[slot] = KINDS[slot].isCheckedWhenRead();
        SINGLE_BITS[slot] = singleBit(headerName);
    }

    /** Returns the single-header bit of {@code name}, or 0 for a header that may repeat. */
    static int singleBit(HeaderName name) {
        for (int i = 0; i < SINGLE.length; i++) {
            if (SINGLE[i] == name) {
                return 1 << i;
            }
        }
        return 0;
    }
}
