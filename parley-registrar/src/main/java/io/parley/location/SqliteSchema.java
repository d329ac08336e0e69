package io.parley.location;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.SQLiteConfig;

/** Opens the SQLite database of a location store, sets its pragmas, and creates or checks its schema. */
final class SqliteSchema {

    /** The schema version this code reads and writes, kept in {@code PRAGMA user_version}. */
    static final int VERSION = 1;

    private SqliteSchema() {}

    /**
     * Opens {@code databaseFile}, creating it and its schema when absent.
     *
     * @throws SQLException when SQLite fails, for example on a locked or corrupt file
     * @throws LocationStoreException when the file contains another schema
     */
    static Connection connect(Path databaseFile, SqliteLocationStore.Settings settings) throws SQLException {
        SQLiteConfig driverConfig = new SQLiteConfig();
        // The store reads no generated keys. When they are on, sqlite-jdbc matches every statement
        // against a regular expression and queries the last row id after every change.
        driverConfig.setGetGeneratedKeys(false);
        Connection connection = DriverManager.getConnection("jdbc:sqlite:" + databaseFile, driverConfig.toProperties());
        try {
            configure(connection, databaseFile, settings);
            createOrCheck(connection, databaseFile);
            return connection;
        } catch (SQLException | RuntimeException e) {
            closeAfterFailure(connection, e);
            throw e;
        }
    }

    private static void configure(Connection connection, Path databaseFile, SqliteLocationStore.Settings settings)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA busy_timeout = " + settings.busyTimeout().toMillis());
            String journalMode = queryString(statement, "PRAGMA journal_mode = WAL");
            if (!"wal".equalsIgnoreCase(journalMode)) {
                throw new LocationStoreException("location database " + databaseFile
                        + " did not switch to WAL mode (journal mode is " + journalMode
                        + "); put the store directory on a local file system");
            }
            statement.execute("PRAGMA synchronous = " + settings.durability().synchronous());
            String check = queryString(statement, "PRAGMA quick_check");
            if (!"ok".equals(check)) {
                throw new LocationStoreException("location database " + databaseFile + " is corrupt (quick_check: "
                        + check + "); move it aside and restart to begin with an empty store");
            }
        }
    }

    private static void createOrCheck(Connection connection, Path databaseFile) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // IMMEDIATE takes the write lock first, so two processes opening a new store cannot both create it.
            statement.execute("BEGIN IMMEDIATE");
            try {
                int version = Integer.parseInt(queryString(statement, "PRAGMA user_version"));
                if (version == 0) {
                    createSchema(statement, databaseFile);
                } else if (version != VERSION) {
                    throw new LocationStoreException("location database " + databaseFile + " has schema version "
                            + version + " but this Parley reads version " + VERSION
                            + "; use the Parley that wrote it or another store directory");
                }
                statement.execute("COMMIT");
            } catch (SQLException | RuntimeException e) {
                rollbackAfterFailure(statement, e);
                throw e;
            }
        }
    }

    private static void createSchema(Statement statement, Path databaseFile) throws SQLException {
        String tableCount = queryString(statement, "SELECT count(*) FROM sqlite_schema");
        if (!"0".equals(tableCount)) {
            throw new LocationStoreException("location database " + databaseFile
                    + " holds tables but no Parley schema version; it is not a Parley location store,"
                    + " so choose another store directory");
        }
        for (String sql : BindingTable.CREATE_STATEMENTS) {
            statement.execute(sql);
        }
        statement.execute("PRAGMA user_version = " + VERSION);
    }

    private static String queryString(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            return result.next() ? result.getString(1) : "";
        }
    }

    /** Rolls back the open transaction, keeping {@code failure} as the error to report. */
    static void rollbackAfterFailure(Statement statement, Exception failure) {
        try {
            statement.execute("ROLLBACK");
        } catch (SQLException rollbackFailure) {
            failure.addSuppressed(rollbackFailure);
        }
    }

    private static void closeAfterFailure(Connection connection, Exception failure) {
        try {
            connection.close();
        } catch (SQLException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
    }
}
