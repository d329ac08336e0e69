package io.parley.location;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import org.sqlite.SQLiteException;

/** Turns SQLite errors into {@link LocationStoreException}s that name the database and the fix. */
final class SqliteFailures {

    // Primary result codes from https://www.sqlite.org/rescode.html. An extended code keeps its primary code
    // in the least significant 8 bits.
    private static final int SQLITE_PERM = 3;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_NOTADB = 26;

    private SqliteFailures() {}

    /** Returns the exception for {@code cause}, raised while {@code action} ran on {@code databaseFile}. */
    static LocationStoreException wrap(String action, Path databaseFile, Duration busyTimeout, SQLException cause) {
        String detail = cause.getMessage();
        String message = switch (primaryCode(cause)) {
            case SQLITE_BUSY, SQLITE_LOCKED -> "location database " + databaseFile
                    + " is locked by another connection; " + action + " waited " + busyTimeout.toMillis()
                    + " ms. Stop the other process that uses it or choose another store directory";
            case SQLITE_CORRUPT, SQLITE_NOTADB -> "location database " + databaseFile
                    + " is corrupt or not an SQLite database (" + detail + ")"
                    + "; move it aside and restart to begin with an empty store";
            case SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN -> "cannot open location database " + databaseFile
                    + " for writing (" + detail + "); check that the store directory and the file are writable";
            case SQLITE_FULL -> "location database " + databaseFile + " is full (" + detail
                    + "); free disk space";
            default -> action + " failed on location database " + databaseFile + ": " + detail;
        };
        return new LocationStoreException(message, cause);
    }

    private static int primaryCode(SQLException exception) {
        if (exception instanceof SQLiteException sqliteException) {
            return sqliteException.getResultCode().code & 0xFF;
        }
        return exception.getErrorCode() & 0xFF;
    }
}
