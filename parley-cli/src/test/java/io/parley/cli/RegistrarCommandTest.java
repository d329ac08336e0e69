package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.AuthDecision;
import io.parley.auth.Challenged;
import io.parley.auth.ClientPolicy;
import io.parley.auth.CredentialsProvider;
import io.parley.auth.DigestClient;
import io.parley.auth.DigestCredentials;
import io.parley.location.Binding;
import io.parley.location.SqliteLocationStore;
import io.parley.message.CSeq;
import io.parley.message.Contact;
import io.parley.message.Method;
import io.parley.message.NameAddress;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.SipUri;
import io.parley.registrar.UsersFile;
import io.parley.transaction.SipStack;
import io.parley.transaction.StackSettings;
import io.parley.transport.Destination;
import io.parley.transport.ListeningPoint;
import io.parley.transport.MessageTraceListener;
import io.parley.transport.Transport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code parley registrar} in-process on loopback and registers to it with a client stack. */
class RegistrarCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicReference<Runnable> stopHandler = new AtomicReference<>();

    @TempDir
    Path temp;

    private CommandLine commandLine(CompletableFuture<List<ListeningPoint>> ready) {
        RegistrarCommand command = new RegistrarCommand(stopHandler::set);
        command.onReady = ready::complete;
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine;
    }

    private int runToCompletion(String... args) {
        return commandLine(new CompletableFuture<>()).execute(args);
    }

    private static SipRequest register(SipStack client, long cseq) {
        SipUri aor = SipUri.of("alice", "example.com");
        return SipRequest.builder(Method.REGISTER, SipUri.of("", "example.com"))
                .via(client.newVia(Transport.UDP))
                .maxForwards(70)
                .from(NameAddress.of(aor).withTag("f1"))
                .to(NameAddress.of(aor))
                .callId("command-test")
                .cseq(new CSeq(cseq, Method.REGISTER))
                .contact(Contact.of(NameAddress.of(SipUri.of("alice", "127.0.0.1", 5999))))
                .build();
    }

    @Test
    void registersAuthenticatedUserAndKeepsBindingInStore() throws Exception {
        Path users = temp.resolve("users.txt");
        UsersFile.addOrReplaceUser(users, "alice", "example.com", "correct-horse-7".toCharArray());
        Path store = temp.resolve("store");
        CompletableFuture<List<ListeningPoint>> ready = new CompletableFuture<>();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> commandLine(ready).execute(
                "--listen", "udp:127.0.0.1:0", "--domain", "example.com", "--users", users.toString(),
                "--store", store.toString(), "--algorithms", "SHA-256", "--trace"));
        InetSocketAddress registrar = ready.get(20, TimeUnit.SECONDS).get(0).address();

        SipResponse challenge;
        SipResponse response;
        try (SipStack client = new SipStack(StackSettings.DEFAULTS, transaction -> { }, MessageTraceListener.NONE)) {
            client.listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0));
            Destination destination = new Destination(Transport.UDP, registrar);
            SipRequest first = register(client, 1);
            challenge = client.send(first, destination).get(10, TimeUnit.SECONDS);
            DigestClient digest = new DigestClient(CredentialsProvider.forAnyRealm(
                    new DigestCredentials("alice", "correct-horse-7")), ClientPolicy.DEFAULT, new SecureRandom());
            AuthDecision.Send answer = (AuthDecision.Send) digest.authenticate(new Challenged(401,
                    challenge.wwwAuthenticate(), "REGISTER", "sip:example.com", new byte[0]));
            SipRequest second = register(client, 2).toBuilder().authorization(answer.values().get(0)).build();
            response = client.send(second, destination).get(10, TimeUnit.SECONDS);
        }
        stopHandler.get().run();

        assertThat(exit.get(20, TimeUnit.SECONDS)).isZero();
        assertThat(challenge.statusCode()).isEqualTo(401);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(out.toString()).contains("parley registrar: listening on").contains("realm example.com")
                .contains("<-- received").contains("response=\"***\"");
        try (SqliteLocationStore reopened = SqliteLocationStore.open(store)) {
            assertThat(reopened.lookup("sip:alice@example.com", Instant.now())).extracting(Binding::contactUri)
                    .containsExactly("sip:alice@127.0.0.1:5999");
        }
    }

    @Test
    void rejectsInvalidListenValue() {
        int status = runToCompletion("--listen", "udp127.0.0.1", "--store", temp.resolve("store").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("listen address \"udp127.0.0.1\" is invalid");
    }

    @Test
    void reportsMissingUsersFileWithAddUserHint() {
        Path users = temp.resolve("missing.txt");

        int status = runToCompletion("--users", users.toString(), "--realm", "example.com",
                "--store", temp.resolve("store").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("users file " + users + " not found")
                .contains("parley registrar add-user --users " + users + " --realm example.com USER");
    }

    @Test
    void reportsMalformedUsersFileNamingLine() throws Exception {
        Path users = java.nio.file.Files.writeString(temp.resolve("users.txt"), "# users\nalice only-two-fields\n");

        int status = runToCompletion("--users", users.toString(), "--store", temp.resolve("store").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("users file " + users + " line 2");
    }

    @Test
    void reportsPortInUse() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            int status = runToCompletion("--listen", "udp:127.0.0.1:" + taken.getLocalPort(),
                    "--store", temp.resolve("store").toString());

            assertThat(status).isEqualTo(1);
            assertThat(err.toString()).contains("cannot listen on udp:127.0.0.1:" + taken.getLocalPort())
                    .contains("port is in use");
        }
    }

    @Test
    void tlsListenerNeedsKeyStore() {
        int status = runToCompletion("--listen", "tls:127.0.0.1:0", "--store", temp.resolve("store").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("needs --tls-key-store");
    }

    @Test
    void addUserRunsAsSubcommand() throws Exception {
        Path users = temp.resolve("users.txt");
        Path password = java.nio.file.Files.writeString(temp.resolve("password"), "pw\n");

        int status = new CommandLine(new Main()).execute("registrar", "add-user", "--users", users.toString(),
                "--realm", "r", "--password-file", password.toString(), "dave");

        assertThat(status).isZero();
        assertThat(UsersFile.read(users).find("dave", "r")).isPresent();
    }
}
