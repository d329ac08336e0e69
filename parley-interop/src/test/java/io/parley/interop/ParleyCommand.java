package io.parley.interop;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The built {@code parley} command line run as a process: the shaded jar of parley-cli on the JVM
 * running the tests, with its output captured in a file.
 */
final class ParleyCommand implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);

    private final Process process;
    private final Path output;

    private ParleyCommand(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code java -jar parley-cli-*-all.jar ARGS} with PARLEY_PASSWORD set to {@code password}. */
    static ParleyCommand start(Path directory, String password, String... arguments) {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-jar", shadedJar().toString()));
        command.addAll(List.of(arguments));
        Path output = directory.resolve("parley-output.txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("PARLEY_PASSWORD", password);
        PeerLogs.register("parley", output, String.join(" ", command));
        try {
            return new ParleyCommand(builder.start(), output);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** Waits until the output contains {@code text}. */
    void awaitOutput(String text, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!output().contains(text)) {
            if (!process.isAlive()) {
                fail("parley exited with status %d before printing '%s'; its output:%n%s", process.exitValue(), text,
                        output());
            }
            if (Instant.now().isAfter(deadline)) {
                fail("parley did not print '%s' within %s; its output:%n%s", text, timeout, output());
            }
            process.waitFor(POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Sends SIGTERM, as {@code kill} or a service manager does. */
    void terminate() {
        process.destroy();
    }

    /** Waits for the exit and returns its status. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            fail("parley did not exit within %s; its output:%n%s", timeout, output());
        }
        return process.exitValue();
    }

    /** Returns everything the process printed so far, standard output and error together. */
    String output() {
        try {
            return Files.readString(output, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + output, e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot find the java binary running the tests"));
    }

    /** Finds the jar that {@code mvn package} of parley-cli built; the reactor builds it before this module. */
    private static Path shadedJar() {
        Path target = Path.of("..", "parley-cli", "target").toAbsolutePath().normalize();
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(target, "parley-cli-*-all.jar")) {
            for (Path jar : jars) {
                return jar;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + target, e);
        }
        throw new IllegalStateException("no parley-cli-*-all.jar in " + target
                + "; build it with mvn -pl parley-cli,parley-interop -am verify");
    }
}
