package io.parley.location;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL for the {@code binding} table, with statements prepared once per connection. It is not
 * thread safe, so the caller serialises access to the connection.
 */
final class BindingTable implements AutoCloseable {

    /** The tables of schema version 1. Instants are stored as milliseconds since the epoch. */
    static final List<String> CREATE_STATEMENTS = List.of(
            """
            CREATE TABLE binding (
                aor TEXT NOT NULL,
                contact_uri TEXT NOT NULL,
                q TEXT,
                expires_at_ms INTEGER NOT NULL,
                call_id TEXT NOT NULL,
                cseq INTEGER NOT NULL,
                source_address TEXT NOT NULL,
                transport TEXT NOT NULL,
                user_agent TEXT,
                updated_at_ms INTEGER NOT NULL,
                instance_id TEXT,
                reg_id INTEGER,
                PRIMARY KEY (aor, contact_uri)
            ) WITHOUT ROWID""",
            "CREATE INDEX binding_expires_at ON binding (expires_at_ms)");

    private static final String COLUMNS = "aor, contact_uri, q, expires_at_ms, call_id, cseq, source_address,"
            + " transport, user_agent, updated_at_ms, instance_id, reg_id";

    private final PreparedStatement selectByAor;
    private final PreparedStatement selectLiveByAor;
    private final PreparedStatement selectExpired;
    private final PreparedStatement upsert;
    private final PreparedStatement delete;
    private final PreparedStatement deleteExpired;
    private final PreparedStatement dataVersion;

    BindingTable(Connection connection) throws SQLException {
        selectByAor = connection.prepareStatement("SELECT " + COLUMNS + " FROM binding WHERE aor = ?");
        selectLiveByAor = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM binding WHERE aor = ? AND expires_at_ms > ?");
        selectExpired = connection.prepareStatement("SELECT " + COLUMNS + " FROM binding WHERE expires_at_ms <= ?");
        upsert = connection.prepareStatement(
                "INSERT OR REPLACE INTO binding (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
        delete = connection.prepareStatement("DELETE FROM binding WHERE aor = ? AND contact_uri = ?");
        deleteExpired = connection.prepareStatement("DELETE FROM binding WHERE expires_at_ms <= ?");
        dataVersion = connection.prepareStatement("PRAGMA data_version");
    }

    /**
     * Returns SQLite's data version, which changes when another connection, in this process or
     * another, commits a change to the database (https://www.sqlite.org/pragma.html#pragma_data_version).
     */
    long dataVersion() throws SQLException {
        try (ResultSet row = dataVersion.executeQuery()) {
            row.next();
            return row.getLong(1);
        }
    }

    /** Returns every stored binding of {@code aor}, expired or not. */
    List<Binding> selectAll(String aor) throws SQLException {
        selectByAor.setString(1, aor);
        return readAll(selectByAor);
    }

    /** Returns the bindings of {@code aor} that have not expired at {@code now}. */
    List<Binding> selectLive(String aor, Instant now) throws SQLException {
        selectLiveByAor.setString(1, aor);
        selectLiveByAor.setLong(2, now.toEpochMilli());
        return readAll(selectLiveByAor);
    }

    /** Returns every binding that has expired at {@code now}. */
    List<Binding> selectExpired(Instant now) throws SQLException {
        selectExpired.setLong(1, now.toEpochMilli());
        return readAll(selectExpired);
    }

    /** Inserts {@code binding}, replacing the stored binding of the same AOR and contact URI. */
    void upsert(Binding binding) throws SQLException {
        upsert.setString(1, binding.aor());
        upsert.setString(2, binding.contactUri());
        upsert.setString(3, binding.q() == null ? null : binding.q().toPlainString());
        upsert.setLong(4, binding.expiresAt().toEpochMilli());
        upsert.setString(5, binding.callId());
        upsert.setLong(6, binding.cseq());
        upsert.setString(7, binding.sourceAddress());
        upsert.setString(8, binding.transport());
        upsert.setString(9, binding.userAgent());
        upsert.setLong(10, binding.updatedAt().toEpochMilli());
        upsert.setString(11, binding.instanceId());
        if (binding.regId() == null) {
            upsert.setNull(12, Types.INTEGER);
        } else {
            upsert.setInt(12, binding.regId());
        }
        upsert.executeUpdate();
    }

    /** Deletes the binding of {@code aor} to {@code contactUri}, if there is one. */
    void delete(String aor, String contactUri) throws SQLException {
        delete.setString(1, aor);
        delete.setString(2, contactUri);
        delete.executeUpdate();
    }

    /** Deletes every binding that has expired at {@code now}. */
    void deleteExpired(Instant now) throws SQLException {
        deleteExpired.setLong(1, now.toEpochMilli());
        deleteExpired.executeUpdate();
    }

    @Override
    public void close() throws SQLException {
        for (PreparedStatement statement : List.of(selectByAor, selectLiveByAor, selectExpired, upsert, delete, deleteExpired,
                dataVersion)) {
            statement.close();
        }
    }

    private static List<Binding> readAll(PreparedStatement query) throws SQLException {
        List<Binding> bindings = new ArrayList<>();
        try (ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                bindings.add(readRow(rows));
            }
        }
        return bindings;
    }

    private static Binding readRow(ResultSet row) throws SQLException {
        try {
            return toBinding(row);
        } catch (IllegalArgumentException e) {
            throw new LocationStoreException("stored binding of " + row.getString(1) + " to " + row.getString(2)
                    + " is invalid (" + e.getMessage() + "); delete that row or move the store aside", e);
        }
    }

    private static Binding toBinding(ResultSet row) throws SQLException {
        String q = row.getString(3);
        int regId = row.getInt(12);
        boolean regIdAbsent = row.wasNull();
        return new Binding(
                row.getString(1),
                row.getString(2),
                q == null ? null : new BigDecimal(q),
                Instant.ofEpochMilli(row.getLong(4)),
                row.getString(5),
                row.getLong(6),
                row.getString(7),
                row.getString(8),
                row.getString(9),
                Instant.ofEpochMilli(row.getLong(10)),
                row.getString(11),
                regIdAbsent ? null : regId);
    }
}
