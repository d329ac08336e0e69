package io.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One SIPp 3.6 run of a scenario from {@code src/test/resources/sipp}, as a UAC against a remote
 * port or as a UAS on a local port, always on 127.0.0.1 and bounded in time: SIPp stops after
 * {@link #calls} calls or when {@link #timeout} passes, and a timeout counts as a failure
 * ({@code -timeout_error}).
 */
final class SippScenario {

    /** SIPp's exit status when every call of the run succeeded. */
    static final int ALL_CALLS_SUCCEEDED = 0;

    /** Receive and send buffer: SIPp's default drops replies under load. */
    private static final int BUFFER_BYTES = 4 * 1024 * 1024;

    private final String resource;
    private Transport transport = Transport.UDP;
    private int localPort;
    private int remotePort;
    private int calls = 1;
    private Duration timeout = Duration.ofSeconds(15);
    private Path injectionFile;
    private final Map<String, String> keys = new LinkedHashMap<>();

    private SippScenario(String resource) {
        this.resource = resource;
    }

    /** Creates a run of {@code src/test/resources/sipp/<name>}. */
    static SippScenario named(String name) {
        return new SippScenario(name);
    }

    SippScenario transport(Transport value) {
        this.transport = Objects.requireNonNull(value);
        return this;
    }

    /** Local port SIPp binds; required for a UAS, chosen by SIPp for a UAC when unset. */
    SippScenario localPort(int value) {
        this.localPort = value;
        return this;
    }

    /** Port of the peer on 127.0.0.1 that a UAC scenario sends its first request to. */
    SippScenario remotePort(int value) {
        this.remotePort = value;
        return this;
    }

    SippScenario calls(int value) {
        this.calls = value;
        return this;
    }

    SippScenario timeout(Duration value) {
        this.timeout = Objects.requireNonNull(value);
        return this;
    }

    /** CSV file whose fields the scenario reads as {@code [field0]}, {@code [field1]}, ... */
    SippScenario injectionFile(Path value) {
        this.injectionFile = value;
        return this;
    }

    /** Sets the scenario keyword {@code [name]} to {@code value} ({@code -key}). */
    SippScenario key(String name, String value) {
        keys.put(name, value);
        return this;
    }

    /**
     * Runs the scenario to its end in {@code directory} and returns SIPp's exit status; the test
     * report gets the output and message trace if the test fails.
     */
    int run(Path directory) {
        try (PeerProcess sipp = start(directory, "sipp-" + baseName())) {
            return sipp.awaitExit(timeout.plusSeconds(10));
        }
    }

    /** Runs {@link #run} and asserts that every call succeeded. */
    void runSuccessfully(Path directory) {
        int status = run(directory);
        assertThat(status)
                .as("exit status of SIPp running %s (0 means every call succeeded; its trace is in the test output)",
                        resource)
                .isEqualTo(ALL_CALLS_SUCCEEDED);
    }

    /**
     * Starts the scenario as a UAS on {@link #localPort} and waits until it listens; the caller
     * closes the returned process or waits for its exit.
     */
    PeerProcess startServer(Path directory) {
        if (localPort == 0) {
            throw new IllegalStateException("a UAS scenario needs localPort(...)");
        }
        PeerProcess sipp = start(directory, "sipp-uas-" + baseName());
        sipp.awaitListening(transport, localPort, Duration.ofSeconds(10));
        return sipp;
    }

    private PeerProcess start(Path directory, String name) {
        Path binary = PeerBinary.require("sipp", "sip-tester");
        Path scenario = copyResource(directory);
        Path messages = directory.resolve(name + "-messages.log");
        PeerLogs.register(name + " messages", messages, "SIPp message trace");
        return PeerProcess.start(name, command(binary, scenario, messages), directory);
    }

    private List<String> command(Path binary, Path scenario, Path messages) {
        List<String> command = new ArrayList<>(List.of(binary.toString(),
                "-sf", scenario.toString(),
                "-t", transport.sippMode(),
                "-i", LoopbackPorts.LOOPBACK.getHostAddress(),
                "-m", Integer.toString(calls),
                "-timeout", timeout.toSeconds() + "s", "-timeout_error",
                "-buff_size", Integer.toString(BUFFER_BYTES),
                "-nostdin",
                "-trace_msg", "-message_file", messages.toString()));
        if (localPort != 0) {
            command.addAll(List.of("-p", Integer.toString(localPort)));
        }
        if (injectionFile != null) {
            command.addAll(List.of("-inf", injectionFile.toString()));
        }
        keys.forEach((name, value) -> command.addAll(List.of("-key", name, value)));
        if (remotePort != 0) {
            command.add(LoopbackPorts.LOOPBACK.getHostAddress() + ":" + remotePort);
        }
        return command;
    }

    private Path copyResource(Path directory) {
        Path target = directory.resolve(resource);
        try (InputStream in = SippScenario.class.getResourceAsStream("/sipp/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no SIPp scenario 'sipp/" + resource + "' on the test class path");
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy SIPp scenario " + resource + " to " + directory, e);
        }
    }

    private String baseName() {
        return resource.replaceFirst("\\.xml$", "");
    }
}
