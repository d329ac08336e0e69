package io.parley.location;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A location store in an SQLite database, {@value #DATABASE_FILE_NAME} under a store directory,
 * in WAL mode. Each {@link #register} call is committed before it returns.
 *
 * <p>Calls from threads of one JVM share one connection and use group commit. Register calls wait
 * in a FIFO queue, and the call at its head commits the requests queued at that moment, up to
 * {@value #MAX_BATCH_SIZE}, in one {@code BEGIN IMMEDIATE} transaction with one savepoint per
 * request. So a request that fails rolls back alone, and the rest of its batch still commits. Every
 * call of the batch returns only after the commit, and the next head then commits the next batch.
 *
 * <p>Several processes may share a store directory. {@code BEGIN IMMEDIATE} takes SQLite's write
 * lock before reading the bindings, so no process updates from a stale read, and a process that
 * finds the lock taken waits up to the busy timeout.
 */
public final class SqliteLocationStore implements LocationStore {

    /** The database file inside the store directory. */
    public static final String DATABASE_FILE_NAME = "location.db";

    /**
     * The maximum number of requests in one transaction, which bounds how long the requests of one
     * batch wait for each other. NOTE: 64 is a guess, not a measured optimum.
     */
    static final int MAX_BATCH_SIZE = 64;

    private final Path databaseFile;
    private final Settings settings;
    private final Connection connection;
    private final Statement transactionStatement;
    private final BindingTable table;
    /** Guards the connection, the prepared statements and {@link #closed}. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Guards {@link #queue} and the outcome of each request in it. */
    private final ReentrantLock queueLock = new ReentrantLock();
    private final ArrayDeque<PendingRegister> queue = new ArrayDeque<>();
    private boolean closed;

    /** A register call waiting in the queue. Its outcome is written and read under {@link #queueLock}. */
    private static final class PendingRegister {
        final RegisterRequest request;
        final Condition done;
        Attempt outcome;

        PendingRegister(RegisterRequest request, Condition done) {
            this.request = request;
            this.done = done;
        }
    }

    /**
     * What an acknowledged binding survives, set through SQLite's {@code synchronous} pragma.
     *
     * <p>In WAL mode a commit has written the transaction to the {@code -wal} file with write(2) before
     * COMMIT returns. With {@code synchronous=NORMAL} that file is not fsynced at each commit, so the
     * data may still be in the operating system's page cache. A killed JVM (kill -9) cannot lose it,
     * because the kernel writes the cache out whatever happens to the process, but a kernel crash or
     * power loss can lose the last commits. {@code synchronous=FULL} fsyncs the WAL at every commit and
     * survives those as well, at the cost of one fsync per REGISTER. Both keep the database consistent.
     * See https://www.sqlite.org/pragma.html#pragma_synchronous.
     */
    public enum Durability {
        /** {@code synchronous=NORMAL}: committed bindings survive the end of the process, including kill -9. */
        PROCESS_CRASH("NORMAL"),
        /** {@code synchronous=FULL}: committed bindings also survive an operating system crash or power loss. */
        POWER_LOSS("FULL");

        private final String synchronous;

        Durability(String synchronous) {
            this.synchronous = synchronous;
        }

        /** Returns the value for {@code PRAGMA synchronous}. */
        String synchronous() {
            return synchronous;
        }
    }

    /**
     * Options of an SQLite store.
     *
     * @param durability what a committed binding survives
     * @param busyTimeout how long a call waits for a lock held by another connection before it fails
     */
    public record Settings(Durability durability, Duration busyTimeout) {

        /**
         * Bindings that survive kill -9 without an fsync per REGISTER, and up to 5 seconds of waiting
         * for another process to release the write lock.
         */
        public static final Settings DEFAULT = new Settings(Durability.PROCESS_CRASH, Duration.ofSeconds(5));

        public Settings {
            Objects.requireNonNull(durability, "durability");
            if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("busy timeout " + busyTimeout + " must be from 0 to 2^31-1 ms");
            }
        }
    }

    private SqliteLocationStore(Path databaseFile, Settings settings, Connection connection) throws SQLException {
        this.databaseFile = databaseFile;
        this.settings = settings;
        this.connection = connection;
        this.transactionStatement = connection.createStatement();
        this.table = new BindingTable(connection);
    }

    /** Opens the store in {@code directory} with {@link Settings#DEFAULT}. */
    public static SqliteLocationStore open(Path directory) {
        return open(directory, Settings.DEFAULT);
    }

    /**
     * Opens the store in {@code directory}, creating the directory, the database and its schema when absent.
     *
     * @throws LocationStoreException when the directory cannot be created, or the database is locked,
     *     corrupt, not a location store, or of a newer schema version
     */
    public static SqliteLocationStore open(Path directory, Settings settings) {
        Path databaseFile = createDirectory(directory).resolve(DATABASE_FILE_NAME);
        Connection connection = null;
        try {
            connection = SqliteSchema.connect(databaseFile, settings);
            return new SqliteLocationStore(databaseFile, settings, connection);
        } catch (SQLException e) {
            closeAfterFailure(connection, e);
            throw SqliteFailures.wrap("opening the store", databaseFile, settings.busyTimeout(), e);
        }
    }

    @Override
    public RegisterResult register(RegisterRequest request) {
        PendingRegister own = new PendingRegister(request, queueLock.newCondition());
        Attempt outcome;
        queueLock.lock();
        try {
            queue.addLast(own);
            while (own.outcome == null && queue.peekFirst() != own) {
                own.done.awaitUninterruptibly();
            }
            if (own.outcome == null) {
                commitHeadOfQueue();
            }
            outcome = own.outcome;
        } finally {
            queueLock.unlock();
        }
        return outcome.resultOrThrow();
    }

    /** Returns the number of register calls waiting in the queue or committing, for tests. */
    int queuedRegisters() {
        queueLock.lock();
        try {
            return queue.size();
        } finally {
            queueLock.unlock();
        }
    }

    @Override
    public List<Binding> lookup(String aor, Instant now) {
        lock.lock();
        try {
            checkOpen();
            List<Binding> bindings = new ArrayList<>(table.selectLive(aor, now));
            bindings.sort(BindingRules.ORDER);
            return List.copyOf(bindings);
        } catch (SQLException e) {
            throw SqliteFailures.wrap("looking up " + aor, databaseFile, settings.busyTimeout(), e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Binding> purgeExpired(Instant now) {
        return inTransaction("purging expired bindings", () -> {
            List<Binding> expired = table.selectExpired(now);
            table.deleteExpired(now);
            return expired;
        });
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            try {
                table.close();
                transactionStatement.close();
            } finally {
                connection.close();
            }
        } catch (SQLException e) {
            throw SqliteFailures.wrap("closing the store", databaseFile, settings.busyTimeout(), e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Commits the first requests of the queue, up to {@link #MAX_BATCH_SIZE}, then removes them,
     * wakes their callers and the new head. Called with {@link #queueLock} held by the head's caller,
     * and releases it during the commit so that more calls can queue meanwhile.
     */
    private void commitHeadOfQueue() {
        List<PendingRegister> batch = new ArrayList<>();
        for (PendingRegister waiting : queue) {
            batch.add(waiting);
            if (batch.size() == MAX_BATCH_SIZE) {
                break;
            }
        }
        List<Attempt> attempts = List.of();
        queueLock.unlock();
        try {
            attempts = commitBatch(batch);
        } finally {
            queueLock.lock();
            finishBatch(batch, attempts);
        }
    }

    /** Applies and commits {@code batch}, returning one attempt per request, failed ones included. */
    private List<Attempt> commitBatch(List<PendingRegister> batch) {
        lock.lock();
        try {
            return applyAndCommit(batch);
        } catch (SQLException e) {
            List<Attempt> failed = new ArrayList<>();
            for (PendingRegister request : batch) {
                String action = "registering " + request.request.aor();
                failed.add(Attempt.failed(SqliteFailures.wrap(action, databaseFile, settings.busyTimeout(), e)));
            }
            return failed;
        } catch (RuntimeException e) {
            return Collections.nCopies(batch.size(), Attempt.failed(e));
        } finally {
            lock.unlock();
        }
    }

    /** Records the outcomes of {@code batch}, which is at the head of the queue, and wakes the waiting calls. */
    private void finishBatch(List<PendingRegister> batch, List<Attempt> attempts) {
        for (int i = 0; i < batch.size(); i++) {
            PendingRegister request = queue.removeFirst();
            // attempts is empty only when commitBatch threw an Error, which propagates from the head's call.
            request.outcome = i < attempts.size() ? attempts.get(i) : Attempt.failed(new LocationStoreException(
                    "registering " + request.request.aor() + " failed because its batch ended without a result"));
            request.done.signal();
        }
        PendingRegister next = queue.peekFirst();
        if (next != null) {
            next.done.signal();
        }
    }

    /** Applies each request of {@code batch} in its own savepoint and commits them all. */
    private List<Attempt> applyAndCommit(List<PendingRegister> batch) throws SQLException {
        checkOpen();
        List<Attempt> attempts = new ArrayList<>();
        transactionStatement.execute("BEGIN IMMEDIATE");
        try {
            for (PendingRegister request : batch) {
                attempts.add(applyInSavepoint(request.request));
            }
            transactionStatement.execute("COMMIT");
            return attempts;
        } catch (SQLException | RuntimeException e) {
            SqliteSchema.rollbackAfterFailure(transactionStatement, e);
            throw e;
        }
    }

    private Attempt applyInSavepoint(RegisterRequest request) throws SQLException {
        transactionStatement.execute("SAVEPOINT register");
        try {
            List<Binding> stored = table.selectAll(request.aor());
            BindingRules.Outcome outcome = BindingRules.apply(stored, request);
            if (outcome.applied()) {
                writeChanges(request.aor(), stored, outcome.bindings());
            }
            transactionStatement.execute("RELEASE register");
            return new Attempt(outcome.result(), null);
        } catch (SQLException e) {
            rollbackToSavepoint(e);
            return Attempt.failed(SqliteFailures.wrap("registering " + request.aor(), databaseFile, settings.busyTimeout(), e));
        } catch (RuntimeException e) {
            rollbackToSavepoint(e);
            return Attempt.failed(e);
        }
    }

    /** Undoes the current request only. When that fails, the whole batch fails with {@code failure} attached. */
    private void rollbackToSavepoint(Exception failure) throws SQLException {
        try {
            transactionStatement.execute("ROLLBACK TO register");
            transactionStatement.execute("RELEASE register");
        } catch (SQLException rollbackFailure) {
            rollbackFailure.addSuppressed(failure);
            throw rollbackFailure;
        }
    }

    /** The result of one request inside a batch, reported only once the batch has committed. */
    private record Attempt(RegisterResult result, RuntimeException failure) {

        static Attempt failed(RuntimeException failure) {
            return new Attempt(null, failure);
        }

        /**
         * Returns the result, or throws the failure. A {@link LocationStoreException} is wrapped in a
         * new one, so that its stack trace shows the calling thread as well as the committing one.
         */
        RegisterResult resultOrThrow() {
            if (failure == null) {
                return result;
            }
            if (failure instanceof LocationStoreException storeFailure) {
                throw new LocationStoreException(storeFailure.getMessage(), storeFailure);
            }
            throw failure;
        }
    }

    /** Deletes the stored rows missing from {@code bindings} and writes the ones that changed. */
    private void writeChanges(String aor, List<Binding> stored, List<Binding> bindings) throws SQLException {
        Set<String> remainingContacts = new HashSet<>();
        for (Binding binding : bindings) {
            remainingContacts.add(binding.contactUri());
        }
        for (Binding old : stored) {
            if (!remainingContacts.contains(old.contactUri())) {
                table.delete(aor, old.contactUri());
            }
        }
        Set<Binding> unchanged = new HashSet<>(stored);
        for (Binding binding : bindings) {
            if (!unchanged.contains(binding)) {
                table.upsert(binding);
            }
        }
    }

    private interface TransactionWork<T> {
        T run() throws SQLException;
    }

    private <T> T inTransaction(String action, TransactionWork<T> work) {
        lock.lock();
        try {
            checkOpen();
            transactionStatement.execute("BEGIN IMMEDIATE");
            try {
                T result = work.run();
                transactionStatement.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                SqliteSchema.rollbackAfterFailure(transactionStatement, e);
                throw e;
            }
        } catch (SQLException e) {
            throw SqliteFailures.wrap(action, databaseFile, settings.busyTimeout(), e);
        } finally {
            lock.unlock();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("location store " + databaseFile + " is closed");
        }
    }

    private static Path createDirectory(Path directory) {
        try {
            return Files.createDirectories(directory);
        } catch (FileAlreadyExistsException e) {
            throw new LocationStoreException("store directory " + directory
                    + " exists but is not a directory; choose a directory path", e);
        } catch (IOException e) {
            throw new LocationStoreException("cannot create store directory " + directory + " (" + e
                    + "); choose a directory you may write to", e);
        }
    }

    private static void closeAfterFailure(Connection connection, SQLException failure) {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        } catch (SQLException closeFailure) {
            failure.addSuppressed(closeFailure);
        }
    }
}
