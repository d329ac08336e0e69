package io.parley.registrar;

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
 * The digest algorithms for which the users file stores an HA1, in the file's column order.
 *
 * <p>TODO: replace with the core's digest algorithm type once it exists. Only {@link #ha1} computes
 * hashes, so only it needs to move.
 */
public enum Ha1Algorithm {
    MD5("MD5", "MD5", 32),
    SHA_256("SHA-256", "SHA-256", 64),
    // FIPS 180-4 SHA-512/256 starts from its own initial hash values, so it is not SHA-512 cut to 256 bits.
    SHA_512_256("SHA-512-256", "SHA-512/256", 64);

    private final String digestName;
    private final String jcaName;
    private final int hexLength;

    Ha1Algorithm(String digestName, String jcaName, int hexLength) {
        this.digestName = digestName;
        this.jcaName = jcaName;
        this.hexLength = hexLength;
    }

    /** Returns the name in the {@code algorithm} parameter of a digest challenge, for example {@code SHA-512-256}. */
    public String digestName() {
        return digestName;
    }

    /** Returns the number of hex digits in a hash of this algorithm. */
    public int hexLength() {
        return hexLength;
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
            return MessageDigest.getInstance(jcaName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java runtime lacks the " + jcaName + " message digest", e);
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
