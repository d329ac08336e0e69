package io.parley.registrar;

import java.io.IOException;
import java.nio.file.Path;

/** A users file line that cannot be read, with the file and the 1-based line number. */
public final class UsersFileException extends IOException {

    private final Path file;
    private final int line;

    UsersFileException(Path file, int line, String problem, Throwable cause) {
        super("users file " + file + " line " + line + ": " + problem, cause);
        this.file = file;
        this.line = line;
    }

    /** Returns the file that was read. */
    public Path file() {
        return file;
    }

    /** Returns the 1-based number of the line that failed. */
    public int line() {
        return line;
    }
}
