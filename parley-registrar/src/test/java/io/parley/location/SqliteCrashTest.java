package io.parley.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Kills a JVM that writes bindings (kill -9) and checks that every acknowledged binding survived. */
class SqliteCrashTest {

    private static final int ACKS_BEFORE_KILL = 300;
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path directory;

    // Guards against a child JVM that hangs without output; the test itself measures no time.
    @Test
    @Timeout(120)
    void keepsEveryAcknowledgedBindingAfterKill() throws Exception {
        Path store = directory.resolve("store");
        Path childErrors = directory.resolve("child-stderr.txt");
        Process child = startChild(store, childErrors);
        List<Integer> acknowledged;
        try {
            acknowledged = readAcknowledgements(child, childErrors);
        } finally {
            // Process.destroyForcibly sends SIGKILL on Linux: the JVM gets no chance to close the store.
            child.destroyForcibly();
            child.waitFor();
        }
        assertThat(acknowledged).hasSize(ACKS_BEFORE_KILL);

        try (SqliteLocationStore reopened = SqliteLocationStore.open(store)) {
            List<Integer> missing = new ArrayList<>();
            for (int n : acknowledged) {
                List<String> contacts = reopened.lookup(CrashingRegistrar.aor(n), NOW).stream()
                        .map(Binding::contactUri)
                        .toList();
                if (!contacts.contains(CrashingRegistrar.contact(n))) {
                    missing.add(n);
                }
            }
            assertThat(missing).as("acknowledged requests whose binding is missing").isEmpty();
        }
    }

    private static Process startChild(Path store, Path childErrors) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(
                java.toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"),
                CrashingRegistrar.class.getName(),
                store.toString(),
                Long.toString(NOW.toEpochMilli()));
        builder.redirectError(childErrors.toFile());
        return builder.start();
    }

    private static List<Integer> readAcknowledgements(Process child, Path childErrors) throws IOException {
        List<Integer> acknowledged = new ArrayList<>();
        BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        while (acknowledged.size() < ACKS_BEFORE_KILL) {
            String line = output.readLine();
            if (line == null) {
                fail("child JVM stopped after " + acknowledged.size() + " acknowledgements; its stderr:%n%s",
                        Files.readString(childErrors));
            }
            if (line.startsWith(CrashingRegistrar.ACK)) {
                acknowledged.add(Integer.parseInt(line.substring(CrashingRegistrar.ACK.length())));
            }
        }
        return acknowledged;
    }
}
