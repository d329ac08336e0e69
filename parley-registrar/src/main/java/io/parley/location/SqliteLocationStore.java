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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A location store in an SQLite database, {@value #DATABASE_FILE_NAME} under a store directory,
 * in WAL mode. Each {@link #register} call is committed before it returns.
 *
 * <p>Calls from threads of one JVM share one connection and use group commit. Register calls wait
 * in a FIFO queue, and one writer thread commits the requests queued at that moment, up to
 * {@value #MAX_BATCH_SIZE}, in one {@code BEGIN IMMEDIATE} transaction with one savepoint per
 * request. So a request that fails rolls back alone, and the rest of its batch still commits. Every
 * request of the batch completes only after the commit, on the writer thread, while the next batch
 * queues.
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

    /** The most AORs whose rows the store keeps in memory; past it the cache starts again empty. */
    static final int MAX_CACHED_AORS = 100_000;

    private final Path databaseFile;
    private final Settings settings;
    private final Connection connection;
    private final Statement transactionStatement;
    private final BindingTable table;
    /**
     * The rows of recently registered AORs as committed, so that a REGISTER needs no SELECT. Valid
     * while {@link BindingTable#dataVersion} stays {@link #cachedVersion}: another connection's
     * commit clears it. Guarded by {@link #lock}.
     */
    private final Map<String, List<Binding>> cachedRows = new HashMap<>();
    private long cachedVersion = Long.MIN_VALUE;
    /** Guards the connection, the prepared statements and {@link #closed}. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Guards {@link #queue} and {@link #stopping}. */
    private final ReentrantLock queueLock = new ReentrantLock();
    private final Condition queued = queueLock.newCondition();
    private final ArrayDeque<PendingRegister> queue = new ArrayDeque<>();
    /** Register calls queued or in the batch being committed. */
    private final AtomicInteger outstanding = new AtomicInteger();
    private final Thread writer;
    private boolean stopping;
    /** The Error that ended the writer thread, if one did; guarded by {@link #queueLock}. */
    private Error writerFailure;
    private boolean closed;

    /** A register call waiting in the queue, completed by the writer thread after its batch. */
    private record PendingRegister(RegisterRequest request, CompletableFuture<RegisterResult> result) {
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
        this.writer = Thread.ofPlatform().name("parley-location-writer").daemon().unstarted(this::writeQueued);
        writer.start();
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

    /**
     * {@inheritDoc}
     *
     * <p>Waits for {@link #registerAsync}. Never call it from a stage that depends on a future of
     * {@link #registerAsync}: such a stage runs on the writer thread, which would wait for itself.
     */
    @Override
    public RegisterResult register(RegisterRequest request) {
        try {
            return registerAsync(request).join();
        } catch (CompletionException e) {
            // A new exception, so that its stack trace shows the calling thread as well as the writer.
            if (e.getCause() instanceof LocationStoreException storeFailure) {
                throw new LocationStoreException(storeFailure.getMessage(), storeFailure);
            }
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw e;
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The future completes on the writer thread once the request's batch has committed, so the
     * stages that depend on it must not block.
     */
    @Override
    public CompletableFuture<RegisterResult> registerAsync(RegisterRequest request) {
        Objects.requireNonNull(request, "request");
        PendingRegister pending = new PendingRegister(request, new CompletableFuture<>());
        queueLock.lock();
        try {
            if (writerFailure != null) {
                return CompletableFuture.failedFuture(new LocationStoreException("location store " + databaseFile
                        + " stopped after its writer thread failed: " + writerFailure + "; restart the registrar",
                        writerFailure));
            }
            if (stopping) {
                return CompletableFuture.failedFuture(new IllegalStateException("location store " + databaseFile
                        + " is closed"));
            }
            outstanding.incrementAndGet();
            queue.addLast(pending);
            queued.signal();
        } finally {
            queueLock.unlock();
        }
        return pending.result();
    }

    /** Returns the number of register calls waiting in the queue or committing, for tests. */
    int queuedRegisters() {
        return outstanding.get();
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
            cachedRows.clear();
            return expired;
        });
    }

    /**
     * Commits the register calls already queued, stops the writer thread and closes the database.
     * Calls made afterwards fail with {@link IllegalStateException}.
     */
    @Override
    public void close() {
        stopWriter();
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

    /** Commits the queue batch by batch, on the writer thread, until {@link #close} and the queue is empty. */
    private void writeQueued() {
        List<PendingRegister> batch = new ArrayList<>(MAX_BATCH_SIZE);
        try {
            while (takeBatch(batch)) {
                List<Attempt> attempts = List.of();
                try {
                    attempts = commitBatch(batch);
                } finally {
                    completeBatch(batch, attempts);
                    batch.clear();
                }
            }
        } catch (Error e) {
            // A thread boundary: without the writer nothing would ever complete, so later calls fail at once.
            stopAfterWriterFailure(e);
            throw e;
        }
    }

    /** Fails the queued calls and every later one with {@code failure}, which ended the writer thread. */
    private void stopAfterWriterFailure(Error failure) {
        List<PendingRegister> abandoned;
        queueLock.lock();
        try {
            stopping = true;
            writerFailure = failure;
            abandoned = new ArrayList<>(queue);
            queue.clear();
        } finally {
            queueLock.unlock();
        }
        for (PendingRegister pending : abandoned) {
            outstanding.decrementAndGet();
            pending.result().completeExceptionally(new LocationStoreException("registering " + pending.request().aor()
                    + " failed because the store's writer thread stopped: " + failure, failure));
        }
    }

    /** Waits for queued calls and moves up to {@link #MAX_BATCH_SIZE} of them to {@code batch}; false once stopped and empty. */
    private boolean takeBatch(List<PendingRegister> batch) {
        queueLock.lock();
        try {
            while (queue.isEmpty() && !stopping) {
                queued.awaitUninterruptibly();
            }
            while (!queue.isEmpty() && batch.size() < MAX_BATCH_SIZE) {
                batch.add(queue.removeFirst());
            }
            return !batch.isEmpty();
        } finally {
            queueLock.unlock();
        }
    }

    /**
     * Completes the futures of {@code batch}. {@code attempts} is empty only when the commit threw an
     * Error, which then ends the writer thread after failing the batch.
     */
    private void completeBatch(List<PendingRegister> batch, List<Attempt> attempts) {
        for (int i = 0; i < batch.size(); i++) {
            PendingRegister pending = batch.get(i);
            outstanding.decrementAndGet();
            Attempt attempt = i < attempts.size() ? attempts.get(i) : Attempt.failed(new LocationStoreException(
                    "registering " + pending.request().aor() + " failed because its batch ended without a result"));
            if (attempt.failure() == null) {
                pending.result().complete(attempt.result());
            } else {
                pending.result().completeExceptionally(attempt.failure());
            }
        }
    }

    /** Lets the writer thread commit what is queued, then waits for it to end. */
    private void stopWriter() {
        queueLock.lock();
        try {
            stopping = true;
            queued.signalAll();
        } finally {
            queueLock.unlock();
        }
        if (Thread.currentThread() == writer) {
            throw new IllegalStateException("close the location store from another thread than its writer");
        }
        boolean interrupted = false;
        while (writer.isAlive()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
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

    /**
     * Applies every request of {@code batch} and commits them all. A first pass applies them without
     * savepoints, which saves two statements per request. When a request fails there, that pass is
     * rolled back, and a second one applies each request in its own savepoint, so the failure rolls
     * back alone.
     */
    private List<Attempt> applyAndCommit(List<PendingRegister> batch) throws SQLException {
        checkOpen();
        List<Attempt> attempts = applyAll(batch, false);
        return attempts != null ? attempts : applyAll(batch, true);
    }

    /** Returns null, after a rollback, when a request failed without savepoints. */
    private List<Attempt> applyAll(List<PendingRegister> batch, boolean savepoints) throws SQLException {
        List<Attempt> attempts = new ArrayList<>(batch.size());
        transactionStatement.execute("BEGIN IMMEDIATE");
        try {
            long version = table.dataVersion();
            if (version != cachedVersion) {
                cachedRows.clear();
                cachedVersion = version;
            }
            // The rows this batch wrote, which reach the cache only once the batch has committed.
            Map<String, List<Binding>> written = new HashMap<>();
            for (PendingRegister pending : batch) {
                if (savepoints) {
                    attempts.add(applyInSavepoint(pending.request(), written));
                    continue;
                }
                try {
                    attempts.add(apply(pending.request(), written));
                } catch (SQLException | RuntimeException e) {
                    transactionStatement.execute("ROLLBACK");
                    return null;
                }
            }
            transactionStatement.execute("COMMIT");
            if (cachedRows.size() + written.size() > MAX_CACHED_AORS) {
                cachedRows.clear();
            }
            cachedRows.putAll(written);
            return attempts;
        } catch (SQLException | RuntimeException e) {
            SqliteSchema.rollbackAfterFailure(transactionStatement, e);
            throw e;
        }
    }

    /**
     * Applies one request. It reads the AOR's rows from {@code written}, else from the cache, else from
     * the table, and records in {@code written} the rows it leaves.
     */
    private Attempt apply(RegisterRequest request, Map<String, List<Binding>> written) throws SQLException {
        String aor = request.aor();
        List<Binding> stored = written.get(aor);
        if (stored == null) {
            stored = cachedRows.get(aor);
        }
        if (stored == null) {
            stored = List.copyOf(table.selectAll(aor));
        }
        BindingRules.Outcome outcome = BindingRules.apply(stored, request);
        if (outcome.applied()) {
            writeChanges(aor, stored, outcome.bindings());
            // The table now contains exactly these rows for the AOR, because writeChanges deleted the others.
            written.put(aor, List.copyOf(outcome.bindings()));
        } else {
            written.put(aor, stored);
        }
        return new Attempt(outcome.result(), null);
    }

    private Attempt applyInSavepoint(RegisterRequest request, Map<String, List<Binding>> written) throws SQLException {
        String aor = request.aor();
        List<Binding> before = written.get(aor);
        transactionStatement.execute("SAVEPOINT register");
        try {
            Attempt attempt = apply(request, written);
            transactionStatement.execute("RELEASE register");
            return attempt;
        } catch (SQLException e) {
            restore(written, aor, before);
            rollbackToSavepoint(e);
            return Attempt.failed(SqliteFailures.wrap("registering " + aor, databaseFile, settings.busyTimeout(), e));
        } catch (RuntimeException e) {
            restore(written, aor, before);
            rollbackToSavepoint(e);
            return Attempt.failed(e);
        }
    }

    private static void restore(Map<String, List<Binding>> written, String aor, List<Binding> before) {
        if (before == null) {
            written.remove(aor);
        } else {
            written.put(aor, before);
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
