package io.parley.registrar;

import io.parley.auth.DigestAlgorithm;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * The digest algorithms for which the users file stores an HA1, in the file's column order. Names,
 * hash functions and lengths come from the core's {@link DigestAlgorithm}; this type only adds the
 * column order and hashing of a password held in a {@code char[]}.
 */
public enum Ha1Algorithm {
    MD5(DigestAlgorithm.MD5),
    SHA_256(DigestAlgorithm.SHA_256),
    SHA_512_256(DigestAlgorithm.SHA_512_256);

    private final DigestAlgorithm algorithm;

    Ha1Algorithm(DigestAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    /** Returns the column holding the HA1 of {@code algorithm}; a -sess form uses its base algorithm's HA1. */
    public static Ha1Algorithm of(DigestAlgorithm algorithm) {
        DigestAlgorithm base = algorithm.base();
        for (Ha1Algorithm column : values()) {
            if (column.algorithm == base) {
                return column;
            }
        }
        throw new IllegalArgumentException("no HA1 column for digest algorithm " + algorithm.ianaName());
    }

    /** Returns the core algorithm whose HA1 this column stores. */
    public DigestAlgorithm digestAlgorithm() {
        return algorithm;
    }

    /** Returns the name in the {@code algorithm} parameter of a digest challenge, for example {@code SHA-512-256}. */
    public String digestName() {
        return algorithm.ianaName();
    }

    /** Returns the number of hex digits in a hash of this algorithm. */
    public int hexLength() {
        return algorithm.hexLength();
    }

    /**
     * Computes HA1 = H(user ":" realm ":" password) over UTF-8 bytes, in lower-case hex (RFC 7616
     * section 3.4.2). The password bytes are zeroed afterwards.
     *
     * @throws IllegalArgumentException when the password contains an unpaired surrogate, which has no UTF-8 form
     */
    public String ha1(String user, String realm, char[] password) {
        MessageDigest digest = newDigest();
        digest.update((user + ":" + realm + ":").getBytes(StandardCharsets.UTF_8));
        byte[] passwordBytes = encodeUtf8(password);
        try {
            digest.update(passwordBytes);
        } finally {
            Arrays.fill(passwordBytes, (byte) 0);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(algorithm.jcaName());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks the " + algorithm.jcaName() + " message digest", e);
        }
    }

    private static byte[] encodeUtf8(char[] password) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer encoded = encoder.encode(CharBuffer.wrap(password));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            Arrays.fill(encoded.array(), (byte) 0);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("password is invalid: it contains an unpaired surrogate, which has no UTF-8 form", e);
        }
    }
}
