package io.parley.interop;

import static org.assertj.core.api.Assertions.fail;

import io.parley.location.Binding;
import io.parley.location.SqliteLocationStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code parley registrar} in a child JVM on the test class path, listening on UDP and TCP on one
 * loopback port, with its SQLite store in a directory the test reads.
 */
final class ParleyRegistrarProcess implements AutoCloseable {

    /** Time the JVM gets to start and bind; a cold start on a loaded 2-core machine takes a few seconds. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(50);
    /** The start of the line {@code parley registrar} prints after binding every listener. */
    private static final String READY_LINE = "parley registrar: realm ";

    private final Process process;
    private final Path log;
    private final Path store;
    private final int port;

    private ParleyRegistrarProcess(Process process, Path log, Path store, int port) {
        this.process = process;
        this.log = log;
        this.store = store;
        this.port = port;
    }

    /**
     * Starts the registrar on {@code port} with the users file {@code users} and the store {@code store},
     * plus {@code options} such as {@code --profile lenient}, and waits until it listens.
     *
     * @param name the label of its log in the test report, such as {@code parley-registrar}
     */
    static ParleyRegistrarProcess start(String name, Path directory, Path users, Path store, int port, String... options) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                "io.parley.cli.Main", "registrar",
                "--listen", "udp:127.0.0.1:" + port,
                "--listen", "tcp:127.0.0.1:" + port,
                "--users", users.toString(),
                "--store", store.toString()));
        command.addAll(List.of(options));
        Path log = directory.resolve(name + ".log");
        PeerLogs.register(name, log, String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        try {
            ParleyRegistrarProcess registrar = new ParleyRegistrarProcess(builder.start(), log, store, port);
            registrar.awaitListening();
            return registrar;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + String.join(" ", command), e);
        }
    }

    int port() {
        return port;
    }

    /** Returns the contact URIs bound to {@code aor} now, read from the store as another process would. */
    List<String> contactsOf(String aor) {
        try (SqliteLocationStore reader = SqliteLocationStore.open(store)) {
            return reader.lookup(aor, Instant.now()).stream().map(Binding::contactUri).toList();
        }
    }

    /** Returns what the registrar wrote so far: its start-up lines and INFO log. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Kills the registrar with SIGKILL, as a crash would, and waits until it is gone. */
    void kill() {
        process.destroyForcibly();
        waitForExit(Duration.ofSeconds(10));
    }

    /** Stops the registrar with SIGTERM, then SIGKILL when it has not exited within 5 seconds. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitForExit(Duration.ofSeconds(5))) {
            kill();
        }
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        // The JVM binds IPv6 sockets mapped to 127.0.0.1, which /proc/net/udp and /proc/net/tcp do not list,
        // so readiness is the line the registrar prints once every listener is bound.
        while (!output().contains(READY_LINE)) {
            if (!process.isAlive()) {
                fail("parley registrar exited with status " + process.exitValue() + " before listening on port "
                        + port + "; its output:\n" + output());
            }
            if (Instant.now().isAfter(deadline)) {
                close();
                fail("parley registrar was not listening on port " + port + " within " + START_TIMEOUT
                        + "; its output:\n" + output());
            }
            waitForExit(POLL_INTERVAL);
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for parley registrar failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for parley registrar", e);
        }
    }
}
