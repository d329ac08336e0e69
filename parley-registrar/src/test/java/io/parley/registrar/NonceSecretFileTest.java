package io.parley.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NonceSecretFileTest {

    @TempDir
    Path directory;

    @Test
    void createsSecretOnceAndReadsItBack() throws IOException {
        byte[] first = NonceSecretFile.readOrCreate(directory.resolve("store"), new SecureRandom());
        byte[] second = NonceSecretFile.readOrCreate(directory.resolve("store"), new SecureRandom());

        assertThat(first).hasSize(Registrar.NONCE_SECRET_BYTES);
        assertThat(second).isEqualTo(first);
    }

    @Test
    void createsFileReadableByOwnerOnly() throws IOException {
        NonceSecretFile.readOrCreate(directory, new SecureRandom());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory.resolve(NonceSecretFile.FILE_NAME))))
                .isEqualTo("rw-------");
    }

    @Test
    void rejectsFileOfWrongLength() throws IOException {
        Files.write(directory.resolve(NonceSecretFile.FILE_NAME), new byte[5]);

        assertThatThrownBy(() -> NonceSecretFile.readOrCreate(directory, new SecureRandom()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("has 5 bytes, expected 32");
    }
}
