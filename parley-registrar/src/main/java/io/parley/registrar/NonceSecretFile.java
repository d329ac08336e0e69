package io.parley.registrar;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;

/**
 * The nonce secret of a registrar, kept in a file beside its location store, so nonces issued before a
 * restart stay valid after it and clients need no extra challenge.
 *
 * <p>NOTE: the nc values seen are kept in memory only, so after a restart an answer captured before it
 * can be replayed once until its nonce expires (the nonce lifetime, 5 minutes by default).
 */
public final class NonceSecretFile {

    /** The file name inside the store directory. */
    public static final String FILE_NAME = "nonce-secret";

    private NonceSecretFile() {}

    /**
     * Returns the secret stored in {@code directory}, creating the file with a new random secret,
     * readable by its owner only, when it is absent.
     *
     * @throws IOException when the file cannot be read or written, or has the wrong length
     */
    public static byte[] readOrCreate(Path directory, SecureRandom random) throws IOException {
        Path file = directory.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            try {
                create(file, random);
            } catch (FileAlreadyExistsException raced) {
                // Another process created it first; its secret is read below.
            }
        }
        byte[] secret = Files.readAllBytes(file);
        if (secret.length != Registrar.NONCE_SECRET_BYTES) {
            throw new IOException("nonce secret file " + file + " has " + secret.length + " bytes, expected "
                    + Registrar.NONCE_SECRET_BYTES + "; delete it and a new one is created");
        }
        return secret;
    }

    private static void create(Path file, SecureRandom random) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] secret = new byte[Registrar.NONCE_SECRET_BYTES];
        random.nextBytes(secret);
        FileAttribute<?>[] ownerOnly = file.getFileSystem().supportedFileAttributeViews().contains("posix")
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
        try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                ownerOnly)) {
            ByteBuffer buffer = ByteBuffer.wrap(secret);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
        }
    }
}
