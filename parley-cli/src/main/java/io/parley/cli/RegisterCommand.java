package io.parley.cli;

import io.parley.message.SipUri;
import io.parley.message.Uri;
import io.parley.parser.ParseResult;
import io.parley.parser.SipParser;
import io.parley.ua.RegistrationConfig;
import java.io.Console;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parley register}: registers an address-of-record and keeps it registered. */
@Command(name = "register", mixinStandardHelpOptions = true,
        description = {"Registers AOR with a registrar, answering digest challenges, and keeps the binding "
                + "refreshed until Ctrl-C or SIGTERM, then unregisters. With --once it registers, prints the "
                + "outcome and unregisters.",
            "The password comes from --password-file, the PARLEY_PASSWORD environment variable, or a prompt "
                + "on the terminal, never from the command line.",
            "Exit status: 0 registered, 1 refused by the registrar, 2 usage error, 3 network error or timeout."})
public final class RegisterCommand implements Callable<Integer> {

    static final int EXIT_REGISTERED = 0;
    static final int EXIT_REFUSED = 1;
    static final int EXIT_USAGE = 2;
    static final int EXIT_NETWORK = 3;

    /** The environment variable read for the password when no password file is given. */
    static final String PASSWORD_VARIABLE = "PARLEY_PASSWORD";

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "AOR", description = "Address-of-record, such as sip:alice@example.com.")
    private String aor;

    @Option(names = "--registrar", paramLabel = "URI",
            description = "Registrar URI, the Request-URI of every REGISTER; default sip: and the AOR's domain.")
    private String registrar;

    @Option(names = "--username", paramLabel = "AUTHUSER",
            description = "Digest username; default the user part of the AOR.")
    private String username;

    @Option(names = "--password-file", paramLabel = "F", description = "File whose first line is the password.")
    private Path passwordFile;

    @Option(names = "--transport", paramLabel = "udp|tcp|tls",
            description = "Transport to the registrar; default the registrar URI's transport parameter, tls for "
                    + "sips, else udp.")
    private String transport;

    @Option(names = "--expires", paramLabel = "SECONDS", defaultValue = "3600",
            description = "Requested expiry in seconds, default ${DEFAULT-VALUE}; a 423 may raise it.")
    private long expires;

    @Option(names = "--once", description = "Register, print the outcome and unregister.")
    private boolean once;

    @Option(names = "--trace", description = "Print every SIP message sent and received, digest responses masked.")
    private boolean trace;

    @Option(names = "--json", description = "Print one JSON object per event instead of text lines.")
    private boolean json;

    @Option(names = "--unregister-all", description = "On exit remove all bindings of the AOR (Contact: *), not only ours.")
    private boolean unregisterAll;

    @Option(names = "--local-port", paramLabel = "PORT", defaultValue = "0",
            description = "Local port to send from and put in Contact; default any free port.")
    private int localPort;

    @Option(names = "--trust-store", paramLabel = "FILE",
            description = "PKCS#12 or JKS trust store that verifies the registrar's TLS certificate; default the JDK's.")
    private Path trustStore;

    @Option(names = "--trust-store-password-file", paramLabel = "F",
            description = "File whose first line is the trust store password; default no password.")
    private Path trustStorePasswordFile;

    @Option(names = "--insecure", description = "Accept any TLS certificate and host name. For tests only.")
    private boolean insecure;

    private final RegistrarChannels channels;
    private final Map<String, String> environment;
    private final TerminationSignals signals;

    /** Creates the command as {@code parley} runs it: Parley's stack, the process environment and OS signals. */
    public RegisterCommand() {
        this(StackRegistrarChannels::open, System.getenv(), TerminationSignals.PROCESS);
    }

    RegisterCommand(RegistrarChannels channels, Map<String, String> environment, TerminationSignals signals) {
        this.channels = channels;
        this.environment = environment;
        this.signals = signals;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            RegisterSession session = prepare();
            if (insecure) {
                err.println("parley register: --insecure: TLS certificates and host names are not checked; use it "
                        + "only in tests");
                err.flush();
            }
            return session.run();
        } catch (UsageException e) {
            err.println("parley register: " + e.getMessage());
            err.flush();
            return EXIT_USAGE;
        } catch (NetworkException e) {
            err.println("parley register: " + e.getMessage());
            err.flush();
            return EXIT_NETWORK;
        }
    }

    private RegisterSession prepare() throws UsageException, NetworkException {
        SipUri addressOfRecord = parseSipUri("AOR", aor);
        if (addressOfRecord.user().isEmpty()) {
            throw new UsageException("AOR " + aor + " has no user part; expected sip:user@domain");
        }
        SipUri registrarUri = registrar == null
                ? new SipUri(addressOfRecord.secure(), "", "", addressOfRecord.host(), addressOfRecord.port(),
                        List.of(), List.of())
                : parseSipUri("--registrar", registrar);
        if (!registrarUri.user().isEmpty()) {
            throw new UsageException("--registrar " + registrar + " has a user part; a registrar URI names only the "
                    + "domain or address (RFC 3261 section 10.2), such as sip:" + registrarUri.host());
        }
        String chosenTransport = chooseTransport(registrarUri);
        if (expires < 1 || expires > 0xFFFF_FFFFL) {
            throw new UsageException("--expires " + expires + " is out of range; use 1 to 4294967295 seconds");
        }
        if (localPort < 0 || localPort > 65535) {
            throw new UsageException("--local-port " + localPort + " is out of range; use 0 to 65535");
        }
        String authUser = username != null ? username : addressOfRecord.decodedUser();
        String password = readPassword(authUser);
        RegistrationConfig config = RegistrationConfig.of(addressOfRecord, registrarUri, expires)
                .withUnregisterAll(unregisterAll);
        RegistrarChannels.Settings settings = new RegistrarChannels.Settings(chosenTransport,
                resolve(registrarUri, chosenTransport), localPort, Optional.ofNullable(trustStore),
                readTrustStorePassword(), insecure);
        RegistrationPrinter printer = new RegistrationPrinter(spec.commandLine().getOut(), json, trace);
        return new RegisterSession(config, authUser, password, channels, settings, printer, once, signals);
    }

    private static SipUri parseSipUri(String argument, String text) throws UsageException {
        ParseResult<Uri> parsed = SipParser.parseUri(text);
        if (parsed instanceof ParseResult.Malformed<Uri> malformed) {
            throw new UsageException(argument + " " + text + " is not a valid URI: " + malformed.describe());
        }
        if (!(parsed instanceof ParseResult.Parsed<Uri>(Uri uri, int consumed)) || !(uri instanceof SipUri sipUri)) {
            throw new UsageException(argument + " " + text + " is not a sip: or sips: URI");
        }
        return sipUri;
    }

    private String chooseTransport(SipUri registrarUri) throws UsageException {
        String chosen = transport;
        if (chosen == null) {
            chosen = registrarUri.transport().orElse(registrarUri.secure() ? "tls" : "udp");
        }
        chosen = chosen.toUpperCase(Locale.ROOT);
        if (!chosen.equals("UDP") && !chosen.equals("TCP") && !chosen.equals("TLS")) {
            throw new UsageException("transport " + chosen.toLowerCase(Locale.ROOT) + " is not supported; use udp, tcp or tls");
        }
        if (registrarUri.secure() && !chosen.equals("TLS")) {
            throw new UsageException("a sips: registrar needs --transport tls (RFC 3261 section 26.2.2)");
        }
        return chosen;
    }

    /** Resolves the registrar host with the system resolver; RFC 3263 NAPTR and SRV lookups are not done. */
    private static InetSocketAddress resolve(SipUri registrarUri, String chosenTransport) throws NetworkException {
        String host = registrarUri.host();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = registrarUri.port() >= 0 ? registrarUri.port() : chosenTransport.equals("TLS") ? 5061 : 5060;
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new NetworkException("registrar host " + host + " cannot be resolved: " + e.getMessage());
        }
    }

    private String readPassword(String authUser) throws UsageException {
        if (passwordFile != null) {
            return firstLine(passwordFile, "--password-file");
        }
        String fromEnvironment = environment.get(PASSWORD_VARIABLE);
        if (fromEnvironment != null && fromEnvironment.isEmpty()) {
            throw new UsageException(PASSWORD_VARIABLE + " is set but empty; set it to the password, or unset it "
                    + "to use --password-file or the terminal prompt");
        }
        if (fromEnvironment != null) {
            return fromEnvironment;
        }
        Console console = System.console();
        if (console == null) {
            throw new UsageException("no password: give --password-file F, set " + PASSWORD_VARIABLE
                    + ", or run on a terminal to be prompted");
        }
        char[] typed = console.readPassword("Password for %s: ", authUser);
        if (typed == null) {
            throw new UsageException("no password was typed");
        }
        return new String(typed);
    }

    private char[] readTrustStorePassword() throws UsageException {
        if (trustStorePasswordFile == null) {
            return new char[0];
        }
        return firstLine(trustStorePasswordFile, "--trust-store-password-file").toCharArray();
    }

    private static String firstLine(Path file, String option) throws UsageException {
        try {
            String content = Files.readString(file, StandardCharsets.UTF_8);
            int end = content.indexOf('\n');
            String line = end < 0 ? content : content.substring(0, end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                throw new UsageException(option + " " + file + " starts with an empty line; put the password on the first line");
            }
            return line;
        } catch (NoSuchFileException e) {
            throw new UsageException(option + " " + file + " does not exist; give the path of a readable file");
        } catch (AccessDeniedException e) {
            throw new UsageException(option + " " + file + " cannot be read: permission denied");
        } catch (IOException e) {
            throw new UsageException(option + " " + file + " cannot be read: " + e.getMessage());
        }
    }

    /** A usage error: exit status 2. */
    static final class UsageException extends Exception {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /** A network error before the first request: exit status 3. */
    static final class NetworkException extends Exception {
        private static final long serialVersionUID = 1L;

        NetworkException(String message) {
            super(message);
        }
    }
}
