package io.parley.cli;

import io.parley.auth.DigestAlgorithm;
import io.parley.auth.InMemoryCredentialStore;
import io.parley.auth.Qop;
import io.parley.location.Binding;
import io.parley.location.InMemoryLocationStore;
import io.parley.message.SipUri;
import io.parley.registrar.AuthenticationConfig;
import io.parley.registrar.ListenAddress;
import io.parley.registrar.Profile;
import io.parley.registrar.Registrar;
import io.parley.registrar.RegistrarConfig;
import io.parley.registrar.RegistrarServer;
import io.parley.transaction.StackSettings;
import io.parley.transport.MessageTraceListener;
import io.parley.transport.TransportException;
import io.parley.ua.RegistrationConfig;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code parley demo}: starts an embedded registrar on a free loopback port, registers a Parley user
 * agent to it with SHA-256 and qop=auth, prints each step and the masked exchange, then unregisters.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Starts a registrar on a free loopback UDP port with a demo user, registers a Parley user "
                + "agent to it with digest SHA-256 and qop=auth, prints every message with the digest response "
                + "masked, unregisters and exits. Needs no network beyond loopback and writes no file.",
            "Exit status: 0 registered and unregistered, 1 a step failed."})
public final class DemoCommand implements Callable<Integer> {

    static final String USER = "demo";
    static final String REALM = "parley-demo";
    /** The registrar's domain and the AOR's host: the loopback address, so no name is ever resolved. */
    static final String DOMAIN = "127.0.0.1";
    private static final long EXPIRES_SECONDS = 300;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        String password = randomPassword();
        InMemoryCredentialStore users = new InMemoryCredentialStore().add(USER, REALM, password);
        AuthenticationConfig authentication = AuthenticationConfig.defaults(REALM)
                .withAlgorithms(List.of(DigestAlgorithm.SHA_256))
                .withQopOptions(Set.of(Qop.AUTH))
                .withProfile(Profile.STRICT);
        RegistrarConfig config = RegistrarConfig.open().withDomains(Set.of(DOMAIN)).withAuthentication(authentication);
        SipUri aor = SipUri.of(USER, DOMAIN);

        try (InMemoryLocationStore store = new InMemoryLocationStore()) {
            Registrar registrar = new Registrar(config, users, store, Clock.systemUTC(), new SecureRandom());
            try (RegistrarServer server = RegistrarServer.start(registrar, List.of(ListenAddress.parse("udp:127.0.0.1:0")),
                    StackSettings.DEFAULTS, MessageTraceListener.NONE)) {
                InetSocketAddress address = server.listeningPoints().get(0).address();
                step(out, 1, "started a registrar on udp " + DOMAIN + ":" + address.getPort() + " for domain " + DOMAIN
                        + ", realm " + REALM + ", SHA-256 with qop=auth, strict profile, user " + USER
                        + " with a random password that is never printed");
                step(out, 2, "registering " + aor.format() + " with the Parley user agent; every message follows, "
                        + "digest response and cnonce masked");
                int status = register(out, aor, password, address);
                return finish(out, status, store.lookup(aor.format(), Clock.systemUTC().instant()));
            }
        } catch (TransportException e) {
            spec.commandLine().getErr().println("parley demo: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        }
    }

    private int register(PrintWriter out, SipUri aor, String password, InetSocketAddress registrar) {
        RegistrationConfig registration = RegistrationConfig.of(aor, SipUri.of("", DOMAIN, registrar.getPort()), EXPIRES_SECONDS);
        RegistrarChannels.Settings settings = new RegistrarChannels.Settings("UDP", registrar, 0, Optional.empty(),
                new char[0], false);
        RegistrationPrinter printer = new RegistrationPrinter(out, false, true);
        RegisterSession session = new RegisterSession(registration, USER, password, StackRegistrarChannels::open,
                settings, printer, true, handler -> { });
        try {
            return session.run();
        } catch (RegisterCommand.NetworkException e) {
            spec.commandLine().getErr().println("parley demo: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return RegisterCommand.EXIT_NETWORK;
        }
    }

    private int finish(PrintWriter out, int registerStatus, List<Binding> remaining) {
        if (registerStatus != RegisterCommand.EXIT_REGISTERED) {
            step(out, 3, "registration failed with status " + registerStatus + "; see the messages above");
            return 1;
        }
        if (!remaining.isEmpty()) {
            step(out, 3, "unregistering left " + remaining.size() + " binding(s) in the registrar's store");
            return 1;
        }
        step(out, 3, "registered, then unregistered: the registrar's store has no binding left. Done.");
        return 0;
    }

    private static void step(PrintWriter out, int number, String text) {
        out.println();
        out.println("== step " + number + ": " + text);
        out.flush();
    }

    private static String randomPassword() {
        byte[] bytes = new byte[12];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
