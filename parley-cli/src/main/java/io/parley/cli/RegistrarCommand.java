package io.parley.cli;

import io.parley.auth.CredentialStore;
import io.parley.location.LocationStore;
import io.parley.location.LocationStoreException;
import io.parley.location.SqliteLocationStore;
import io.parley.registrar.ListenAddress;
import io.parley.registrar.NonceSecretFile;
import io.parley.registrar.Registrar;
import io.parley.registrar.RegistrarConfig;
import io.parley.registrar.RegistrarServer;
import io.parley.registrar.UsersCredentialStore;
import io.parley.registrar.UsersFile;
import io.parley.transaction.StackSettings;
import io.parley.transport.ListeningPoint;
import io.parley.transport.MessageTraceListener;
import io.parley.transport.TlsSettings;
import io.parley.transport.TransportException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley registrar}: a digest-authenticating registrar with a persistent location store. */
@Command(name = "registrar", mixinStandardHelpOptions = true, subcommands = AddUserCommand.class,
        description = {"Runs a registrar that authenticates REGISTER requests with digest, keeps bindings in an "
                + "SQLite store and logs every registration, refresh, removal, expiry and rejection with its reason. "
                + "Runs until Ctrl-C or SIGTERM.",
            "Exit status: 0 stopped by a signal, 1 a listen address cannot be bound, 2 usage error or unreadable file."})
public final class RegistrarCommand implements Callable<Integer> {

    static final int EXIT_STOPPED = 0;
    static final int EXIT_BIND_FAILED = 1;
    static final int EXIT_USAGE = 2;

    @Spec
    private CommandSpec spec;

    @Mixin
    RegistrarOptions options = new RegistrarOptions();

    @Option(names = "--tls-key-store", paramLabel = "FILE",
            description = "PKCS#12 or JKS key store with the certificate and key a tls listener presents.")
    private Path tlsKeyStore;

    @Option(names = "--tls-key-store-password-file", paramLabel = "F",
            description = "File whose first line is the key store password; default no password.")
    private Path tlsKeyStorePasswordFile;

    private final TerminationSignals signals;

    /** Receives the bound listeners once the registrar runs; tests use it to find the ports. */
    Consumer<List<ListeningPoint>> onReady = points -> { };

    /** Creates the command as {@code parley} runs it, stopped by SIGINT and SIGTERM. */
    public RegistrarCommand() {
        this(TerminationSignals.PROCESS);
    }

    RegistrarCommand(TerminationSignals signals) {
        this.signals = signals;
    }

    /** A problem with the command line or a file it names, reported with exit status 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            return run();
        } catch (UsageException e) {
            err.println("parley registrar: " + e.getMessage());
            err.flush();
            return EXIT_USAGE;
        } catch (TransportException e) {
            err.println("parley registrar: " + e.getMessage());
            err.flush();
            return EXIT_BIND_FAILED;
        }
    }

    private int run() throws UsageException, TransportException {
        List<ListenAddress> addresses;
        RegistrarConfig config;
        try {
            addresses = options.listenAddresses();
            config = options.config(options.usersFile != null);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
        CredentialStore users = readUsers(config);
        StackSettings settings = stackSettings(addresses);
        SecureRandom random = new SecureRandom();
        byte[] nonceSecret = readNonceSecret(random);
        try (LocationStore store = openStore()) {
            Registrar registrar = new Registrar(config, users, store, Clock.systemUTC(), random, nonceSecret);
            MessageTraceListener trace = options.trace ? new TracePrinter(spec.commandLine().getOut()) : MessageTraceListener.NONE;
            try (RegistrarServer server = RegistrarServer.start(registrar, addresses, settings, trace)) {
                CountDownLatch stop = new CountDownLatch(1);
                signals.install(stop::countDown);
                printStarted(server, config);
                onReady.accept(server.listeningPoints());
                awaitQuietly(stop);
                spec.commandLine().getOut().println("parley registrar: stopping");
                spec.commandLine().getOut().flush();
            }
        }
        return EXIT_STOPPED;
    }

    private CredentialStore readUsers(RegistrarConfig config) throws UsageException {
        PrintWriter err = spec.commandLine().getErr();
        if (options.usersFile == null) {
            err.println("parley registrar: no --users file, so every REGISTER is accepted without authentication");
            err.flush();
            return new UsersCredentialStore(UsersFile.empty());
        }
        UsersFile file;
        try {
            file = UsersFile.read(options.usersFile);
        } catch (NoSuchFileException e) {
            throw new UsageException("users file " + options.usersFile + " not found; create it with 'parley registrar "
                    + "add-user --users " + options.usersFile + " --realm " + options.effectiveRealm() + " USER'");
        } catch (IOException e) {
            throw new UsageException("cannot read users file " + options.usersFile + ": " + e.getMessage());
        }
        String realm = config.authentication().orElseThrow().realm();
        if (file.entries().stream().noneMatch(entry -> entry.realm().equals(realm))) {
            err.println("parley registrar: users file " + options.usersFile + " has no user in realm " + realm
                    + ", so every REGISTER will be rejected; add one with 'parley registrar add-user'");
            err.flush();
        }
        return new UsersCredentialStore(file);
    }

    private byte[] readNonceSecret(SecureRandom random) throws UsageException {
        try {
            return NonceSecretFile.readOrCreate(options.storeDirectory(), random);
        } catch (IOException e) {
            throw new UsageException("cannot read or create the nonce secret in " + options.storeDirectory() + ": "
                    + e.getMessage());
        }
    }

    private LocationStore openStore() throws UsageException {
        Path directory = options.storeDirectory();
        try {
            return SqliteLocationStore.open(directory);
        } catch (LocationStoreException e) {
            throw new UsageException("cannot open the location store in " + directory + ": " + e.getMessage());
        }
    }

    private StackSettings stackSettings(List<ListenAddress> addresses) throws UsageException {
        boolean tls = addresses.stream().anyMatch(address -> address.transport().equals("TLS"));
        if (!tls) {
            return StackSettings.DEFAULTS;
        }
        if (tlsKeyStore == null) {
            throw new UsageException("a tls listener needs --tls-key-store with its certificate and private key");
        }
        char[] password = readKeyStorePassword();
        TlsSettings tlsSettings = TlsSettings.defaults().withKeyStore(tlsKeyStore, password);
        return StackSettings.DEFAULTS.withTransport(StackSettings.DEFAULTS.transport().withTls(tlsSettings));
    }

    private char[] readKeyStorePassword() throws UsageException {
        if (tlsKeyStorePasswordFile == null) {
            return new char[0];
        }
        try {
            List<String> lines = Files.readAllLines(tlsKeyStorePasswordFile, StandardCharsets.UTF_8);
            return lines.isEmpty() ? new char[0] : lines.get(0).toCharArray();
        } catch (IOException e) {
            throw new UsageException("cannot read key store password file " + tlsKeyStorePasswordFile + ": " + e.getMessage());
        }
    }

    private void printStarted(RegistrarServer server, RegistrarConfig config) {
        PrintWriter out = spec.commandLine().getOut();
        for (ListeningPoint point : server.listeningPoints()) {
            out.println("parley registrar: listening on " + point);
        }
        String authentication = config.authentication()
                .map(settings -> "realm " + settings.realm() + ", profile " + settings.profile().name().toLowerCase(java.util.Locale.ROOT)
                        + ", algorithms " + settings.algorithms().stream().map(algorithm -> algorithm.ianaName()).toList()
                        + ", challenge " + settings.challengeStatus())
                .orElse("no authentication");
        out.println("parley registrar: " + authentication + "; domains "
                + (config.domains().isEmpty() ? "all" : config.domains()) + "; store " + options.storeDirectory().toAbsolutePath());
        out.flush();
    }

    private static void awaitQuietly(CountDownLatch stop) {
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
