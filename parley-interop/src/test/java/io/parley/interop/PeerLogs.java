package io.parley.interop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension that prints the logs of the peers a test started when that test fails, so the
 * Surefire report shows what Kamailio or SIPp saw. Peers register their logs through
 * {@link #register}; the list is per thread because JUnit runs a test and its callbacks on one.
 */
public final class PeerLogs implements AfterTestExecutionCallback {

    private record PeerLog(String name, Path file, String command) {
    }

    private static final ThreadLocal<List<PeerLog>> LOGS = ThreadLocal.withInitial(ArrayList::new);

    static void register(String name, Path file, String command) {
        LOGS.get().add(new PeerLog(name, file, command));
    }

    @Override
    public void afterTestExecution(ExtensionContext context) {
        List<PeerLog> logs = List.copyOf(LOGS.get());
        LOGS.get().clear();
        if (context.getExecutionException().isEmpty()) {
            return;
        }

        StringBuilder report = new StringBuilder();
        for (PeerLog log : logs) {
            report.append("----- ").append(log.name()).append(": ").append(log.command()).append('\n');
            report.append(read(log.file())).append('\n');
        }
        // Surefire stores a test's standard output in its report next to the failure.
        System.out.print(report);
    }

    private static String read(Path file) {
        if (!Files.exists(file)) {
            return "(no output: " + file + " does not exist)";
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }
}
