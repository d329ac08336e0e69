package io.parley.transaction;

import io.parley.message.Via;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Creates Via branch parameters that are unique in space and time (RFC 3261 section 8.1.1.7), and
 * the To tags of responses the stack itself sends.
 */
public final class Branches {

    /** 128 random bits, so two branches never collide in practice. */
    private static final int RANDOM_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private Branches() {
    }

    /** Returns a new branch: the magic cookie {@code z9hG4bK} followed by 32 random hex digits. */
    public static String newBranch() {
        byte[] bytes = new byte[RANDOM_BYTES];
        RANDOM.nextBytes(bytes);
        return Via.MAGIC_COOKIE + HexFormat.of().formatHex(bytes);
    }

    /** Returns a new tag of 64 random bits in hex, above the 32 bits that RFC 3261 section 19.3 requires. */
    static String newTag() {
        byte[] bytes = new byte[Long.BYTES];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
