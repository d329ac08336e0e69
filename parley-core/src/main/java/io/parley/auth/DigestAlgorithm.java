package io.parley.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The digest algorithms of RFC 7616 section 6.1 and RFC 8760 section 2: IANA name, JCA name, hex
 * length, session variant and strength.
 *
 * <p>SHA-512-256 is FIPS 180-4 SHA-512/256, which has its own initial values. It is not SHA-512 cut
 * to 256 bits, the function that produced the example printed in RFC 7616 section 3.9.2.
 */
public enum DigestAlgorithm {
    MD5("MD5", "MD5", false, 1),
    MD5_SESS("MD5-sess", "MD5", true, 1),
    SHA_256("SHA-256", "SHA-256", false, 2),
    SHA_256_SESS("SHA-256-sess", "SHA-256", true, 2),
    SHA_512_256("SHA-512-256", "SHA-512/256", false, 3),
    SHA_512_256_SESS("SHA-512-256-sess", "SHA-512/256", true, 3);

    private static final HexFormat HEX = HexFormat.of();

    private final String ianaName;
    private final String jcaName;
    private final boolean session;
    private final int strength;
    /** One MessageDigest per thread: looking one up costs about as much as hashing a digest field. */
    private final ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(this::newMessageDigest);

    DigestAlgorithm(String ianaName, String jcaName, boolean session, int strength) {
        this.ianaName = ianaName;
        this.jcaName = jcaName;
        this.session = session;
        this.strength = strength;
    }

    /** Returns the name as written in the {@code algorithm} parameter, such as {@code SHA-256-sess}. */
    public String ianaName() {
        return ianaName;
    }

    /** Returns the {@link MessageDigest} algorithm name. */
    public String jcaName() {
        return jcaName;
    }

    /** Returns whether HA1 is rehashed with the nonce and cnonce (the {@code -sess} forms, RFC 7616 section 3.4.2). */
    public boolean isSession() {
        return session;
    }

    /** Returns the rank used to choose among challenges: SHA-512-256 3, SHA-256 2, MD5 1. */
    public int strength() {
        return strength;
    }

    /** Returns the number of hex digits in a hash of this algorithm. */
    public int hexLength() {
        return strength == 1 ? 32 : 64;
    }

    /** Returns the same algorithm without the {@code -sess} step, the one a credential store keys HA1 by. */
    public DigestAlgorithm base() {
        return switch (this) {
            case MD5, MD5_SESS -> MD5;
            case SHA_256, SHA_256_SESS -> SHA_256;
            case SHA_512_256, SHA_512_256_SESS -> SHA_512_256;
        };
    }

    /**
     * Looks up an {@code algorithm} parameter value, compared without case. An absent parameter
     * means MD5 (RFC 7616 section 3.3), so callers pass {@code Optional.empty()} for it.
     */
    public static Optional<DigestAlgorithm> fromParameter(Optional<String> value) {
        if (value.isEmpty()) {
            return Optional.of(MD5);
        }
        for (DigestAlgorithm algorithm : values()) {
            if (algorithm.ianaName.equalsIgnoreCase(value.get().trim())) {
                return Optional.of(algorithm);
            }
        }
        return Optional.empty();
    }

    /** Hashes the UTF-8 bytes of {@code text} and returns lower-case hex. */
    public String hashHex(String text) {
        return hashHex(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Hashes {@code bytes} and returns lower-case hex. */
    public String hashHex(byte[] bytes) {
        return HEX.formatHex(digests.get().digest(bytes));
    }

    private MessageDigest newMessageDigest() {
        try {
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            // Every Java SE 21 runtime must provide MD5, SHA-256 and SHA-512/256.
            throw new IllegalStateException("this Java runtime has no " + jcaName + " MessageDigest", e);
        }
    }
}
