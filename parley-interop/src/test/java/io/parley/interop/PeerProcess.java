package io.parley.interop;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * A peer process started by a test, with standard output and error in one log file.
 *
 * <p>Closing it stops the process: SIGTERM first, then SIGKILL after {@link #STOP_GRACE}. The log
 * is registered with {@link PeerLogs}, which copies it into the test report when the test fails.
 */
final class PeerProcess implements AutoCloseable {

    /** Time a peer gets to exit after SIGTERM; Kamailio stops its children within it. */
    static final Duration STOP_GRACE = Duration.ofSeconds(5);

    /** Interval between two readiness checks while waiting for a peer. */
    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final String name;
    private final Process process;
    private final Path log;

    private PeerProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code command} in {@code directory} with its output in {@code <directory>/<name>.log}.
     *
     * @param name a short label for the report, such as {@code kamailio} or {@code sipp-uas}
     */
    static PeerProcess start(String name, List<String> command, Path directory) {
        Path log = directory.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(directory.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        PeerLogs.register(name, log, String.join(" ", command));
        try {
            return new PeerProcess(name, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + String.join(" ", command), e);
        }
    }

    /** Waits until the peer listens on {@code port} with {@code transport}, or fails the test. */
    void awaitListening(Transport transport, int port, Duration timeout) {
        awaitCondition(() -> ListeningSockets.isListening(transport, port), timeout,
                "listening on " + transport + " 127.0.0.1:" + port);
    }

    /**
     * Polls {@code ready} until it returns true, the process exits, or {@code timeout} passes; the
     * last two fail the test with the peer's log.
     */
    void awaitCondition(BooleanSupplier ready, Duration timeout, String description) {
        Instant deadline = Instant.now().plus(timeout);
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                fail(name + " exited with status " + process.exitValue() + " before " + description
                        + "; its output:\n" + output());
            }
            if (Instant.now().isAfter(deadline)) {
                fail(name + " was not " + description + " within " + timeout + "; its output:\n" + output());
            }
            waitForExit(POLL_INTERVAL);
        }
    }

    /** Waits for the process to exit on its own and returns its exit status, or fails the test. */
    int awaitExit(Duration timeout) {
        if (!waitForExit(timeout)) {
            fail(name + " did not exit within " + timeout + "; its output:\n" + output());
        }
        return process.exitValue();
    }

    /** Returns what the process wrote so far, standard output and error interleaved. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /**
     * Stops the process and every process it started: a daemon such as Kamailio forks workers, and
     * a worker whose parent died before stopping it would keep the test's ports.
     */
    @Override
    public void close() {
        List<ProcessHandle> descendants = process.descendants().toList();
        if (process.isAlive()) {
            process.destroy();
            if (!waitForExit(STOP_GRACE)) {
                process.destroyForcibly();
                waitForExit(STOP_GRACE);
            }
        }
        stopOrphans(descendants);
    }

    /** Sends SIGTERM to every orphan still alive, then SIGKILL to those alive after {@link #STOP_GRACE}. */
    private static void stopOrphans(List<ProcessHandle> orphans) {
        List<ProcessHandle> alive = orphans.stream().filter(ProcessHandle::isAlive).toList();
        alive.forEach(ProcessHandle::destroy);
        Instant deadline = Instant.now().plus(STOP_GRACE);
        for (ProcessHandle orphan : alive) {
            long remainingMillis = Math.max(1, Duration.between(Instant.now(), deadline).toMillis());
            try {
                orphan.onExit().get(remainingMillis, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                orphan.destroyForcibly();
            } catch (ExecutionException e) {
                throw new IllegalStateException("waiting for process " + orphan.pid() + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while stopping process " + orphan.pid(), e);
            }
        }
    }

    private boolean waitForExit(Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for " + name + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + name, e);
        }
    }
}
