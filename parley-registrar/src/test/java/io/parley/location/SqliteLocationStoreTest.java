package io.parley.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.location.RegisterResult.Applied;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class SqliteLocationStoreTest extends LocationStoreContractTest {

    private static final SqliteLocationStore.Settings SHORT_BUSY_TIMEOUT =
            new SqliteLocationStore.Settings(SqliteLocationStore.Durability.PROCESS_CRASH, Duration.ofMillis(50));

    @TempDir
    Path directory;

    @Override
    LocationStore openStore() {
        return SqliteLocationStore.open(directory.resolve("store"));
    }

    private Path databaseFile() {
        return directory.resolve("store").resolve(SqliteLocationStore.DATABASE_FILE_NAME);
    }

    private Connection rawConnection(Path file) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + file);
    }

    @Test
    void keepsBindingsAcrossCloseAndReopen() {
        store.register(request("c1", 1, T0,
                ContactChange.add(CONTACT_A, 3600, new BigDecimal("0.25")), ContactChange.add(CONTACT_B, 60, null)));
        List<Binding> before = store.lookup(AOR, T0);
        store.close();

        store = openStore();

        assertThat(store.lookup(AOR, T0)).isEqualTo(before);
        assertThat(store.lookup(AOR, T0)).hasSize(2);
    }

    @Test
    void registerSeesChangeByAnotherConnection() throws Exception {
        store.register(request("c1", 1, T0, ContactChange.add(CONTACT_A, 3600, null)));
        try (Connection other = rawConnection(databaseFile()); Statement statement = other.createStatement()) {
            statement.executeUpdate("DELETE FROM binding WHERE aor = '" + AOR + "'");
        }

        RegisterResult result = store.register(request("c1", 2, T0, ContactChange.add(CONTACT_B, 3600, null)));

        assertThat(contacts(applied(result).bindings())).containsExactly(CONTACT_B);
        assertThat(contacts(store.lookup(AOR, T0))).containsExactly(CONTACT_B);
    }

    @Test
    void closeCommitsTheRegistersAlreadyQueued() throws Exception {
        List<CompletableFuture<RegisterResult>> queued = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            queued.add(store.registerAsync(new RegisterRequest("sip:user" + i + "@example.com", "c" + i, 1,
                    new RegisterRequest.Contacts(List.of(ContactChange.add("sip:u" + i + "@127.0.0.1:5080", 60, null))),
                    "127.0.0.1:5080", "UDP", null, T0, MAX_BINDINGS)));
        }

        store.close();

        for (CompletableFuture<RegisterResult> result : queued) {
            assertThat(result).isCompleted();
            assertThat(result.get()).isInstanceOf(Applied.class);
        }
        store = openStore();
        assertThat(store.lookup("sip:user199@example.com", T0)).hasSize(1);
    }

    @Test
    void registerAsyncAfterCloseFailsWithoutWaiting() {
        store.close();

        CompletableFuture<RegisterResult> result = store.registerAsync(request("c1", 1, T0,
                ContactChange.add(CONTACT_A, 60, null)));

        assertThat(result).isCompletedExceptionally();
        assertThatThrownBy(result::join).hasCauseInstanceOf(IllegalStateException.class)
                .hasMessageContaining("is closed");
    }

    @Test
    void createsMissingStoreDirectories() {
        Path nested = directory.resolve("a").resolve("b");

        SqliteLocationStore.open(nested).close();

        assertThat(nested.resolve(SqliteLocationStore.DATABASE_FILE_NAME)).isRegularFile();
    }

    @Test
    void usesWalMode() throws SQLException {
        store.close();

        try (Connection connection = rawConnection(databaseFile());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA journal_mode")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("wal");
        }
    }

    @Test
    void recordsSchemaVersion() throws SQLException {
        store.close();

        try (Connection connection = rawConnection(databaseFile());
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("PRAGMA user_version")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getInt(1)).isEqualTo(SqliteSchema.VERSION);
        }
    }

    @Test
    void rejectsStoreDirectoryThatIsAFile() throws IOException {
        Path file = Files.writeString(directory.resolve("plain-file"), "x");

        assertThatThrownBy(() -> SqliteLocationStore.open(file))
                .isInstanceOf(LocationStoreException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("not a directory");
    }

    @Test
    void rejectsStoreDirectoryThatCannotBeCreated() throws IOException {
        Path file = Files.writeString(directory.resolve("plain-file"), "x");
        Path below = file.resolve("store");

        assertThatThrownBy(() -> SqliteLocationStore.open(below))
                .isInstanceOf(LocationStoreException.class)
                .hasMessageContaining("cannot create store directory " + below);
    }

    @Test
    void rejectsCorruptDatabase() throws IOException {
        store.close();
        Files.delete(databaseFile());
        Files.deleteIfExists(directory.resolve("store").resolve(SqliteLocationStore.DATABASE_FILE_NAME + "-wal"));
        Files.deleteIfExists(directory.resolve("store").resolve(SqliteLocationStore.DATABASE_FILE_NAME + "-shm"));
        Files.write(databaseFile(), "this is not a database file, but it is long enough to look like one"
                .repeat(100).getBytes(StandardCharsets.US_ASCII));

        assertThatThrownBy(this::openStore)
                .isInstanceOf(LocationStoreException.class)
                .hasMessageContaining(databaseFile().toString())
                .hasMessageContaining("corrupt or not an SQLite database");
    }

    @Test
    void rejectsDatabaseLockedWhileOpening() throws Exception {
        store.close();
        Path file = directory.resolve("locked").resolve(SqliteLocationStore.DATABASE_FILE_NAME);
        Files.createDirectories(file.getParent());

        try (Connection holder = rawConnection(file); Statement statement = holder.createStatement()) {
            statement.execute("BEGIN EXCLUSIVE");

            assertThatThrownBy(() -> SqliteLocationStore.open(file.getParent(), SHORT_BUSY_TIMEOUT))
                    .isInstanceOf(LocationStoreException.class)
                    .hasMessageContaining(file.toString())
                    .hasMessageContaining("is locked by another connection");
            statement.execute("ROLLBACK");
        }
    }

    @Test
    void rejectsRegisterWhileAnotherConnectionWrites() throws Exception {
        store.close();
        store = SqliteLocationStore.open(directory.resolve("store"), SHORT_BUSY_TIMEOUT);

        try (Connection holder = rawConnection(databaseFile()); Statement statement = holder.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");

            assertThatThrownBy(() -> store.register(request("c1", 1, T0, ContactChange.add(CONTACT_A, 60, null))))
                    .isInstanceOf(LocationStoreException.class)
                    .hasMessageContaining("is locked by another connection; registering " + AOR);
            statement.execute("ROLLBACK");
        }

        assertThat(store.register(request("c1", 1, T0, ContactChange.add(CONTACT_A, 60, null))))
                .isInstanceOf(Applied.class);
    }

    @Test
    void rejectsNewerSchemaVersion() throws SQLException {
        store.close();
        try (Connection connection = rawConnection(databaseFile()); Statement statement = connection.createStatement()) {
            statement.execute("PRAGMA user_version = 99");
        }

        assertThatThrownBy(this::openStore)
                .isInstanceOf(LocationStoreException.class)
                .hasMessageContaining("schema version 99")
                .hasMessageContaining("reads version " + SqliteSchema.VERSION);
    }

    @Test
    void rejectsDatabaseOfAnotherApplication() throws Exception {
        store.close();
        Path file = directory.resolve("other").resolve(SqliteLocationStore.DATABASE_FILE_NAME);
        Files.createDirectories(file.getParent());
        try (Connection connection = rawConnection(file); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE invoices (id INTEGER)");
        }

        assertThatThrownBy(() -> SqliteLocationStore.open(file.getParent()))
                .isInstanceOf(LocationStoreException.class)
                .hasMessageContaining("not a Parley location store");
    }

    @Test
    void invalidStoredRowFailsOnlyItsAor() throws SQLException {
        try (Connection connection = rawConnection(databaseFile()); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO binding VALUES ('" + AOR + "', '" + CONTACT_A + "', 'not-a-number',"
                    + " 9999999999999, 'c1', 1, '127.0.0.1:5062', 'UDP', NULL, 0, NULL, NULL)");
        }

        assertThatThrownBy(() -> store.register(request("c1", 2, T0, ContactChange.add(CONTACT_B, 60, null))))
                .isInstanceOf(LocationStoreException.class)
                .hasMessageContaining("stored binding of " + AOR + " to " + CONTACT_A + " is invalid");
        RegisterRequest otherAor = new RegisterRequest("sip:bob@example.com", "c9", 1,
                new RegisterRequest.Contacts(List.of(ContactChange.add("sip:bob@127.0.0.1:5070", 60, null))),
                "127.0.0.1:5070", "UDP", null, T0, MAX_BINDINGS);
        assertThat(store.register(otherAor)).isInstanceOf(Applied.class);
        assertThat(store.lookup("sip:bob@example.com", T0)).hasSize(1);
    }

    @Test
    @Timeout(60)
    void failedRequestInBatchRollsBackAlone() throws Exception {
        store.close();
        SqliteLocationStore batchingStore = SqliteLocationStore.open(directory.resolve("store"),
                new SqliteLocationStore.Settings(SqliteLocationStore.Durability.PROCESS_CRASH, Duration.ofSeconds(30)));
        store = batchingStore;
        try (Connection connection = rawConnection(databaseFile()); Statement statement = connection.createStatement()) {
            statement.execute("INSERT INTO binding VALUES ('sip:broken@example.com', 'sip:broken@127.0.0.1', 'x',"
                    + " 9999999999999, 'c1', 1, '127.0.0.1:5062', 'UDP', NULL, 0, NULL, NULL)");
        }
        List<String> aors = List.of("sip:first@example.com", "sip:a@example.com", "sip:broken@example.com", "sip:b@example.com");
        ExecutorService executor = Executors.newFixedThreadPool(aors.size());
        List<Future<RegisterResult>> results = new ArrayList<>();

        // While another connection holds the write lock, the first call waits in BEGIN IMMEDIATE and the
        // others queue behind it, so they commit together in the next batch.
        try (Connection holder = rawConnection(databaseFile()); Statement statement = holder.createStatement()) {
            statement.execute("BEGIN IMMEDIATE");
            for (String aor : aors) {
                results.add(executor.submit(() -> batchingStore.register(registerFor(aor))));
                while (batchingStore.queuedRegisters() < results.size()) {
                    Thread.onSpinWait();
                }
            }
            statement.execute("ROLLBACK");
        }

        try {
            assertThat(results.get(0).get()).isInstanceOf(Applied.class);
            assertThat(results.get(1).get()).isInstanceOf(Applied.class);
            assertThatThrownBy(() -> results.get(2).get())
                    .hasCauseInstanceOf(LocationStoreException.class)
                    .hasMessageContaining("stored binding of sip:broken@example.com");
            assertThat(results.get(3).get()).isInstanceOf(Applied.class);
        } finally {
            executor.shutdownNow();
        }
        assertThat(store.lookup("sip:a@example.com", T0)).hasSize(1);
        assertThat(store.lookup("sip:b@example.com", T0)).hasSize(1);
    }

    private static RegisterRequest registerFor(String aor) {
        return new RegisterRequest(aor, "c2", 2,
                new RegisterRequest.Contacts(List.of(ContactChange.add("sip:x@127.0.0.1:5080", 60, null))),
                "127.0.0.1:5080", "UDP", null, T0, MAX_BINDINGS);
    }

    @Test
    void twoStoresOnOneDirectoryLoseNoUpdate() throws Exception {
        int refreshes = 100;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(4);
        List<Future<?>> runs = new ArrayList<>();
        try (LocationStore other = openStore()) {
            for (int thread = 0; thread < 4; thread++) {
                LocationStore target = thread % 2 == 0 ? store : other;
                String contact = "sip:alice@127.0.0.1:" + (7000 + thread);
                String callId = "node-" + thread;
                runs.add(executor.submit(() -> refresh(target, start, contact, callId, refreshes)));
            }
            start.countDown();
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            executor.shutdownNow();
        }

        List<Binding> bindings = store.lookup(AOR, T0);
        assertThat(bindings).hasSize(4);
        assertThat(bindings).allSatisfy(binding -> assertThat(binding.cseq()).isEqualTo(refreshes));
    }

    private static Void refresh(LocationStore target, CountDownLatch start, String contact, String callId, int refreshes)
            throws InterruptedException {
        start.await();
        for (int cseq = 1; cseq <= refreshes; cseq++) {
            RegisterResult result = target.register(new RegisterRequest(AOR, callId, cseq,
                    new RegisterRequest.Contacts(List.of(ContactChange.add(contact, 3600, null))),
                    "127.0.0.1:5062", "UDP", null, T0, 100));
            assertThat(result).isInstanceOf(Applied.class);
        }
        return null;
    }
}
