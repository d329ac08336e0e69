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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
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
