package io.parley.interop;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A Kamailio 5.6 registrar on 127.0.0.1 with its own UDP, TCP and optional TLS ports, running in
 * the foreground ({@code -DD -E}) until closed. Its configuration, runtime directory and control
 * socket live in the directory given to {@link #start}.
 *
 * <p>The configuration demands digest with qop=auth and checks nc; see
 * {@code src/test/resources/kamailio/registrar.cfg} for the exact policy.
 */
final class KamailioRegistrar implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration CONTROL_TIMEOUT = Duration.ofSeconds(10);

    /** Shared and private memory in MB: far below the defaults, plenty for a few test users. */
    private static final String SHARED_MEMORY_MB = "32";
    private static final String PRIVATE_MEMORY_MB = "8";

    private final KamailioSettings settings;
    private final int udpPort;
    private final int tcpPort;
    private final int tlsPort;
    private final Path controlSocket;
    private final Path directory;
    private final PeerProcess process;

    private KamailioRegistrar(KamailioSettings settings, int udpPort, int tcpPort, int tlsPort, Path directory,
            PeerProcess process) {
        this.settings = settings;
        this.udpPort = udpPort;
        this.tcpPort = tcpPort;
        this.tlsPort = tlsPort;
        this.controlSocket = directory.resolve("kamailio-ctl.sock");
        this.directory = directory;
        this.process = process;
    }

    /** Writes the configuration into {@code directory}, starts Kamailio and waits until it listens. */
    static KamailioRegistrar start(KamailioSettings settings, Path directory) {
        Path binary = PeerBinary.require("kamailio", "kamailio");
        if (settings.tls().isPresent()) {
            requireTlsModule();
        }
        int udpPort = LoopbackPorts.freePort();
        int tcpPort = LoopbackPorts.freePort();
        int tlsPort = settings.tls().isPresent() ? LoopbackPorts.freePort() : 0;
        Path runtime = createDirectory(directory.resolve("run"));
        Path config = directory.resolve("kamailio.cfg");
        writeConfig(config, configText(settings, udpPort, tcpPort, tlsPort, directory.resolve("kamailio-ctl.sock")));

        List<String> command = List.of(binary.toString(), "-f", config.toString(), "-DD", "-E",
                "-Y", runtime.toString(), "-w", directory.toString(),
                "-m", SHARED_MEMORY_MB, "-M", PRIVATE_MEMORY_MB);
        PeerProcess process = PeerProcess.start("kamailio", command, directory);
        KamailioRegistrar registrar = new KamailioRegistrar(settings, udpPort, tcpPort, tlsPort, directory, process);
        try {
            registrar.awaitReady();
        } catch (RuntimeException | AssertionError e) {
            process.close();
            throw e;
        }
        return registrar;
    }

    int udpPort() {
        return udpPort;
    }

    int tcpPort() {
        return tcpPort;
    }

    /** Returns the TLS port, or 0 when the settings have no TLS files. */
    int tlsPort() {
        return tlsPort;
    }

    int port(Transport transport) {
        return switch (transport) {
            case UDP -> udpPort;
            case TCP -> tcpPort;
            case TLS -> tlsPort;
        };
    }

    String realm() {
        return settings.realm();
    }

    /**
     * Returns the contact addresses bound to {@code user} in Kamailio's location table
     * ({@code kamcmd ul.lookup}), empty when the user has no binding.
     */
    List<String> contactsOf(String user) {
        String output = control("ul.lookup", "location", user);
        List<String> contacts = new ArrayList<>();
        for (String line : output.split("\n")) {
            String trimmed = line.trim();
            if (trimmed.startsWith("Address: ")) {
                contacts.add(trimmed.substring("Address: ".length()));
            }
        }
        if (contacts.isEmpty() && !output.contains("AOR not found")) {
            throw new IllegalStateException("unexpected output of kamcmd ul.lookup for '" + user + "': " + output);
        }
        return contacts;
    }

    /** Runs a kamcmd RPC command over the control socket and returns its output. */
    String control(String... rpc) {
        Path kamcmd = PeerBinary.require("kamcmd", "kamailio");
        List<String> command = new ArrayList<>(List.of(kamcmd.toString(), "-s", "unix:" + controlSocket));
        command.addAll(List.of(rpc));
        try (PeerProcess call = PeerProcess.start("kamcmd-" + rpc[0], command, directory)) {
            int status = call.awaitExit(CONTROL_TIMEOUT);
            if (status != 0) {
                throw new IllegalStateException("kamcmd " + String.join(" ", rpc) + " exited with status " + status
                        + ": " + call.output());
            }
            return call.output();
        }
    }

    @Override
    public void close() {
        process.close();
    }

    private void awaitReady() {
        process.awaitListening(Transport.UDP, udpPort, START_TIMEOUT);
        process.awaitListening(Transport.TCP, tcpPort, START_TIMEOUT);
        if (tlsPort != 0) {
            process.awaitListening(Transport.TLS, tlsPort, START_TIMEOUT);
        }
        // The control socket is created by a child process after the SIP sockets are bound.
        process.awaitCondition(() -> Files.exists(controlSocket), START_TIMEOUT, "serving " + controlSocket);
    }

    /** Returns the configuration template with every token between two at signs replaced. */
    static String configText(KamailioSettings settings, int udpPort, int tcpPort, int tlsPort, Path controlSocket) {
        String text = readTemplate();
        text = text.replace("@DEFINES@", settings.tls().isPresent() ? "#!define WITH_TLS" : "");
        text = text.replace("@REALM@", settings.realm());
        text = text.replace("@UDP_PORT@", Integer.toString(udpPort));
        text = text.replace("@TCP_PORT@", Integer.toString(tcpPort));
        text = text.replace("@TLS_PORT@", Integer.toString(tlsPort));
        text = text.replace("@CTL_SOCKET@", controlSocket.toString());
        text = text.replace("@NONCE_SECRET@", randomSecret());
        text = text.replace("@ALGORITHM@", settings.algorithm());
        text = text.replace("@USERS@", userStatements(settings.passwords()));
        // Without TLS these tokens sit in a block that WITH_TLS leaves out, so any value works.
        String certificate = settings.tls().map(files -> files.certificate().toString()).orElse("");
        String privateKey = settings.tls().map(files -> files.privateKey().toString()).orElse("");
        text = text.replace("@TLS_CERTIFICATE@", certificate);
        text = text.replace("@TLS_PRIVATE_KEY@", privateKey);
        return text;
    }

    private static String userStatements(Map<String, String> passwords) {
        StringBuilder statements = new StringBuilder();
        passwords.forEach((user, password) ->
                statements.append("\t$sht(users=>").append(user).append(") = \"").append(password).append("\";\n"));
        return statements.toString();
    }

    private static String readTemplate() {
        try (InputStream in = KamailioRegistrar.class.getResourceAsStream("/kamailio/registrar.cfg")) {
            if (in == null) {
                throw new IllegalStateException("kamailio/registrar.cfg is missing from the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kamailio/registrar.cfg", e);
        }
    }

    private static String randomSecret() {
        byte[] secret = new byte[16];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    /** Writes the configuration readable by its owner only, because it contains the passwords. */
    private static void writeConfig(Path config, String text) {
        try {
            Files.writeString(config, text, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rw-------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + config, e);
        }
    }

    private static Path createDirectory(Path path) {
        try {
            return Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + path, e);
        }
    }

    /** Checks for the tls module where Debian's multiarch layouts put it. */
    private static void requireTlsModule() {
        List<Path> candidates = List.of(
                Path.of("/usr/lib/x86_64-linux-gnu/kamailio/modules/tls.so"),
                Path.of("/usr/lib/aarch64-linux-gnu/kamailio/modules/tls.so"),
                Path.of("/usr/lib/kamailio/modules/tls.so"));
        PeerBinary.requireFile(candidates, "kamailio-tls-modules");
    }
}
