package io.parley.auth;

import java.nio.ByteBuffer;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues nonces that verify themselves, so a server keeps no table of issued nonces.
 *
 * <p>A nonce is the unpadded base64url form of 8 bytes of issue time (milliseconds since the
 * epoch), 16 random bytes, and the first 16 bytes of HMAC-SHA256 over those 24 bytes keyed with the
 * server secret. Base64url has no separator characters, so the nonce needs no quoted-pair.
 */
public final class NonceIssuer {

    private static final int TIME_BYTES = 8;
    private static final int RANDOM_BYTES = 16;
    private static final int MAC_BYTES = 16;
    private static final int NONCE_BYTES = TIME_BYTES + RANDOM_BYTES + MAC_BYTES;
    private static final String MAC_ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;
    /**
     * One keyed Mac per thread: a Mac is not thread-safe, and looking one up and keying it costs more
     * than the HMAC of a nonce. doFinal resets it for the next use.
     */
    private final ThreadLocal<Mac> macs = ThreadLocal.withInitial(this::newMac);
    private final Clock clock;
    private final SecureRandom random;
    private final Duration lifetime;

    /**
     * Creates an issuer.
     *
     * @param secret the server secret, at least 16 bytes; servers sharing it accept each other's nonces
     * @param lifetime how long after issue a nonce is accepted; older genuine nonces are stale
     */
    public NonceIssuer(byte[] secret, Clock clock, SecureRandom random, Duration lifetime) {
        if (secret.length < 16) {
            throw new IllegalArgumentException("nonce secret has " + secret.length + " bytes; use at least 16");
        }
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("nonce lifetime is " + lifetime + "; expected a positive duration");
        }
        this.key = new SecretKeySpec(secret.clone(), MAC_ALGORITHM);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.lifetime = lifetime;
    }

    /** Issues a new nonce stamped with the current time. */
    public String issue() {
        ByteBuffer buffer = ByteBuffer.allocate(NONCE_BYTES);
        buffer.putLong(clock.millis());
        byte[] randomPart = new byte[RANDOM_BYTES];
        random.nextBytes(randomPart);
        buffer.put(randomPart);
        buffer.put(mac(buffer.array()), 0, MAC_BYTES);
        return encode(buffer.array());
    }

    private static String encode(byte[] nonceBytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(nonceBytes);
    }

    /** Checks a nonce: {@code VALID} or {@code STALE} when this server issued it, {@code UNKNOWN} otherwise. */
    public NonceCheck check(String nonce) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(nonce);
        } catch (IllegalArgumentException notBase64) {
            return new NonceCheck(NonceCheck.Status.UNKNOWN, Instant.EPOCH);
        }
        // Unused low bits of the last character let several strings decode to the same bytes;
        // only the canonical one was issued, and the replay window is keyed by the string.
        if (bytes.length != NONCE_BYTES || !encode(bytes).equals(nonce)) {
            return new NonceCheck(NonceCheck.Status.UNKNOWN, Instant.EPOCH);
        }
        byte[] expectedMac = Arrays.copyOf(mac(bytes), MAC_BYTES);
        byte[] actualMac = Arrays.copyOfRange(bytes, TIME_BYTES + RANDOM_BYTES, NONCE_BYTES);
        if (!MessageDigest.isEqual(expectedMac, actualMac)) {
            return new NonceCheck(NonceCheck.Status.UNKNOWN, Instant.EPOCH);
        }

        Instant issuedAt = Instant.ofEpochMilli(ByteBuffer.wrap(bytes).getLong());
        Instant now = clock.instant();
        if (issuedAt.isAfter(now)) {
            // Issued in the future: the clock went back, or the secret leaked. Trust neither.
            return new NonceCheck(NonceCheck.Status.UNKNOWN, issuedAt);
        }
        // Comparing durations, not issuedAt + lifetime, so a very long lifetime cannot overflow Instant.
        boolean expired = Duration.between(issuedAt, now).compareTo(lifetime) > 0;
        return new NonceCheck(expired ? NonceCheck.Status.STALE : NonceCheck.Status.VALID, issuedAt);
    }

    /** Computes HMAC-SHA256 over the time and random parts of {@code nonceBytes}. */
    private byte[] mac(byte[] nonceBytes) {
        Mac mac = macs.get();
        mac.update(nonceBytes, 0, TIME_BYTES + RANDOM_BYTES);
        return mac.doFinal();
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance(MAC_ALGORITHM);
            mac.init(key);
            return mac;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java SE runtime provides HmacSHA256, and any non-empty key is valid for it.
            throw new IllegalStateException("HmacSHA256 is unavailable in this Java runtime", e);
        }
    }

    /**
     * The result of checking a nonce.
     *
     * @param status whether the nonce is usable
     * @param issuedAt when the nonce was issued; the epoch for an unknown nonce
     */
    public record NonceCheck(Status status, Instant issuedAt) {

        /** Nonce states. */
        public enum Status {
            /** Issued by this server and within its lifetime. */
            VALID,
            /** Issued by this server but expired; the client gets a new challenge with {@code stale=true}. */
            STALE,
            /** Not issued by this server, or damaged. */
            UNKNOWN
        }
    }
}
