package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.message.SipRequest;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code parley register} in-process against a fake registrar. */
class RegisterCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final AtomicReference<Runnable> signalHandler = new AtomicReference<>();
    private Map<String, String> environment = Map.of(RegisterCommand.PASSWORD_VARIABLE, "4321");
    private RegistrarChannels.Settings openedWith;

    @TempDir
    Path temp;

    private int run(FakeRegistrar registrar, String... args) {
        RegisterCommand command = new RegisterCommand((settings, trace) -> {
            openedWith = settings;
            registrar.setTrace(trace);
            return registrar;
        }, environment, signalHandler::set);
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void onceRegistersAndPrintsOutcome() {
        FakeRegistrar registrar = new FakeRegistrar(FakeRegistrar.Mode.DIGEST, 3600);

        int status = run(registrar, "sip:23@127.0.0.1", "--once");

        assertThat(status).isZero();
        assertThat(out.toString()).contains("REGISTER sent to sip:127.0.0.1 (CSeq 1, Expires 3600)")
                .contains("challenged with 401: realm \"proximiti\", algorithm MD5, qop auth")
                .contains("registered for 3600 s as <sip:23@127.0.0.1:5070>; next refresh in 3000 s")
                .contains("outcome: registered for 3600 s, contact <sip:23@127.0.0.1:5070>, challenge realm "
                        + "\"proximiti\", algorithm MD5, qop auth")
                .contains("unregistered");
        List<SipRequest> requests = registrar.requests();
        assertThat(requests).hasSize(3);
        assertThat(requests.get(2).expires()).hasValue(0);
        assertThat(requests.get(2).cseq().sequence()).isEqualTo(3);
        assertThat(registrar.closed()).isTrue();
    }

    @Test
    void onceResolvesRegistrarAndTransport() {
        run(new FakeRegistrar(FakeRegistrar.Mode.DIGEST, 60), "sip:23@example.invalid", "--registrar",
                "sip:127.0.0.1:5090;transport=tcp", "--once");

        assertThat(openedWith.transport()).isEqualTo("TCP");
        assertThat(openedWith.registrar().getPort()).isEqualTo(5090);
        assertThat(openedWith.registrar().getAddress().isLoopbackAddress()).isTrue();
    }

    @Test
    void insecureReachesChannelWithWarning() {
        run(new FakeRegistrar(FakeRegistrar.Mode.DIGEST, 60), "sips:23@127.0.0.1", "--once", "--insecure");

        assertThat(openedWith.transport()).isEqualTo("TLS");
        assertThat(openedWith.registrar().getPort()).isEqualTo(5061);
        assertThat(openedWith.insecure()).isTrue();
        assertThat(err.toString()).contains("--insecure: TLS certificates and host names are not checked");
    }

    @Test
    void readsTrustStorePasswordFile() throws IOException {
        Path passwordFile = temp.resolve("trust-password");
        Files.writeString(passwordFile, "trust-me\n");

        run(new FakeRegistrar(FakeRegistrar.Mode.DIGEST, 60), "sip:23@127.0.0.1", "--once", "--transport", "tls",
                "--trust-store", temp.resolve("trust.p12").toString(), "--trust-store-password-file",
                passwordFile.toString());

        assertThat(openedWith.trustStore()).hasValue(temp.resolve("trust.p12"));
        assertThat(new String(openedWith.trustStorePassword())).isEqualTo("trust-me");
        assertThat(openedWith.insecure()).isFalse();
    }

    @Test
    void wrongPasswordExitsOneWithDiagnosis() {
        environment = Map.of(RegisterCommand.PASSWORD_VARIABLE, "1234");
        FakeRegistrar registrar = new FakeRegistrar(FakeRegistrar.Mode.DIGEST, 3600);

        int status = run(registrar, "sip:23@127.0.0.1", "--once");

        assertThat(status).isEqualTo(RegisterCommand.EXIT_REFUSED);
        assertThat(out.toString()).contains("failed: registration of sip:23@127.0.0.1")
                .contains("user \"23\" in realm \"proximiti\" were rejected").doesNotContain("1234");
        assertThat(registrar.requests()).hasSize(2);
    }

    @Test
    void forbiddenExitsOneWithWarning() {
        int status = run(new FakeRegistrar(FakeRegistrar.Mode.FORBIDDEN, 0), "sip:23@127.0.0.1");

        assertThat(status).isEqualTo(RegisterCommand.EXIT_REFUSED);
        assertThat(out.toString()).contains("403 Forbidden; Warning: 399 registrar.test \"account disabled\"");
    }

    @Test
    void timeoutWithOnceExitsThree() {
        int status = run(new FakeRegistrar(FakeRegistrar.Mode.TIMEOUT, 0), "sip:23@127.0.0.1", "--once");

        assertThat(status).isEqualTo(RegisterCommand.EXIT_NETWORK);
        assertThat(out.toString()).contains("timed out: no final response within 32000 ms");
    }

    @Test
    void onceTimeoutPromisesNoRetry() {
        run(new FakeRegistrar(FakeRegistrar.Mode.TIMEOUT, 0), "sip:23@127.0.0.1", "--once");

        assertThat(out.toString()).contains("failed: registration of sip:23@127.0.0.1").doesNotContain("retrying");
    }

    @Test
    void onceTimeoutJsonHasNoRetry() throws IOException {
        run(new FakeRegistrar(FakeRegistrar.Mode.TIMEOUT, 0), "sip:23@127.0.0.1", "--once", "--json");

        String[] lines = out.toString().strip().split("\n");
        JsonNode failed = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(failed.get("event").asText()).isEqualTo("failed");
        assertThat(failed.get("retryIn").isNull()).isTrue();
    }

    @Test
    void signalUnregistersAndExitsZero() {
        FakeRegistrar registrar = new FakeRegistrar(FakeRegistrar.Mode.DIGEST, 2);
        // The first refresh comes one second after the 200, so the binding is established by then.
        registrar.onRequest(request -> {
            if (request.cseq().sequence() == 3) {
                signalHandler.get().run();
            }
        });

        int status = run(registrar, "sip:23@127.0.0.1");

        assertThat(status).isZero();
        assertThat(out.toString()).contains("stopping: unregistering sip:23@127.0.0.1").contains("unregistered");
        SipRequest last = registrar.requests().get(registrar.requests().size() - 1);
        assertThat(last.expires()).hasValue(0);
        assertThat(last.contacts().get(0).format()).isEqualTo("<sip:23@127.0.0.1:5070>");
    }

    @Test
    void signalBeforeTimeoutExitsThree() {
        FakeRegistrar registrar = new FakeRegistrar(FakeRegistrar.Mode.TIMEOUT, 0);
        registrar.onRequest(request -> signalHandler.get().run());

        int status = run(registrar, "sip:23@127.0.0.1");

        assertThat(out.toString()).contains("timed out");
        assertThat(status).isEqualTo(RegisterCommand.EXIT_NETWORK);
    }

    @Test
    void jsonPrintsOneObjectPerEvent() throws IOException {
        int status = run(new FakeRegistrar(FakeRegistrar.Mode.DIGEST, 3600), "sip:23@127.0.0.1", "--once", "--json");

        assertThat(status).isZero();
        ObjectMapper mapper = new ObjectMapper();
        List<String> names = new ArrayList<>();
        JsonNode registered = null;
        for (String line : out.toString().strip().split("\n")) {
            JsonNode node = mapper.readTree(line);
            names.add(node.get("event").asText());
            if (node.get("event").asText().equals("registered")) {
                registered = node;
            }
        }
        assertThat(names).containsExactly("request-sent", "challenged", "request-sent", "registered",
                "request-sent", "unregistered");
        assertThat(registered.get("expires").asLong()).isEqualTo(3600);
        assertThat(registered.get("challenge").get("qop").asText()).isEqualTo("auth");
    }

    @Test
    void jsonDescribesRefusal() throws IOException {
        int status = run(new FakeRegistrar(FakeRegistrar.Mode.FORBIDDEN, 0), "sip:23@127.0.0.1", "--json");

        assertThat(status).isEqualTo(RegisterCommand.EXIT_REFUSED);
        String[] lines = out.toString().strip().split("\n");
        JsonNode failed = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertThat(failed.get("event").asText()).isEqualTo("failed");
        assertThat(failed.get("kind").asText()).isEqualTo("refused");
        assertThat(failed.get("status").asInt()).isEqualTo(403);
        assertThat(failed.get("details").get(0).asText()).isEqualTo("Warning: 399 registrar.test \"account disabled\"");
        assertThat(failed.get("retryIn").isNull()).isTrue();
    }

    @Test
    void traceMasksDigestResponse() {
        FakeRegistrar registrar = new FakeRegistrar(FakeRegistrar.Mode.DIGEST, 3600);

        run(registrar, "sip:23@127.0.0.1", "--once", "--trace");

        String response = registrar.requests().get(1).authorization().get(0).param("response").orElseThrow();
        assertThat(out.toString()).contains("--> sent UDP 127.0.0.1:5070 -> 127.0.0.1:5060\nREGISTER sip:127.0.0.1 SIP/2.0")
                .contains("<-- received UDP 127.0.0.1:5060 -> 127.0.0.1:5070\nSIP/2.0 401 Unauthorized")
                .contains("response=\"***\"").doesNotContain(response);
    }

    @Test
    void readsPasswordFile() throws IOException {
        environment = Map.of();
        Path file = temp.resolve("password");
        Files.writeString(file, "4321\nignored second line\n");

        int status = run(new FakeRegistrar(FakeRegistrar.Mode.DIGEST, 3600), "sip:23@127.0.0.1", "--once",
                "--password-file", file.toString());

        assertThat(status).isZero();
    }

    @Test
    void missingPasswordIsUsageError() {
        environment = Map.of();

        int status = run(new FakeRegistrar(FakeRegistrar.Mode.DIGEST, 3600), "sip:23@127.0.0.1", "--once");

        assertThat(status).isEqualTo(RegisterCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("no password").contains("--password-file").contains("PARLEY_PASSWORD");
    }

    @Test
    void missingPasswordFileSaysItDoesNotExist() {
        Path missing = temp.resolve("no-such-password");

        int status = run(new FakeRegistrar(FakeRegistrar.Mode.DIGEST, 3600), "sip:23@127.0.0.1", "--once",
                "--password-file", missing.toString());

        assertThat(status).isEqualTo(RegisterCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("--password-file " + missing + " does not exist");
    }

    @Test
    void emptyPasswordVariableIsUsageError() {
        environment = Map.of(RegisterCommand.PASSWORD_VARIABLE, "");
        FakeRegistrar registrar = new FakeRegistrar(FakeRegistrar.Mode.DIGEST, 3600);

        int status = run(registrar, "sip:23@127.0.0.1", "--once");

        assertThat(status).isEqualTo(RegisterCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("PARLEY_PASSWORD is set but empty");
        assertThat(registrar.requests()).isEmpty();
    }

    @Test
    void rejectsAorWithoutUser() {
        int status = run(new FakeRegistrar(FakeRegistrar.Mode.DIGEST, 3600), "sip:127.0.0.1", "--once");

        assertThat(status).isEqualTo(RegisterCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("has no user part");
    }

    @Test
    void rejectsUnknownTransport() {
        int status = run(new FakeRegistrar(FakeRegistrar.Mode.DIGEST, 3600), "sip:23@127.0.0.1", "--transport", "sctp");

        assertThat(status).isEqualTo(RegisterCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("transport sctp is not supported");
    }

    @Test
    void rejectsMalformedAor() {
        int status = run(new FakeRegistrar(FakeRegistrar.Mode.DIGEST, 3600), "sip:23@", "--once");

        assertThat(status).isEqualTo(RegisterCommand.EXIT_USAGE);
        assertThat(err.toString()).contains("AOR sip:23@ is not a valid URI");
    }

    @Test
    void rejectsPasswordOption() {
        int status = run(new FakeRegistrar(FakeRegistrar.Mode.DIGEST, 3600), "sip:23@127.0.0.1", "--password", "4321");

        assertThat(status).isEqualTo(RegisterCommand.EXIT_USAGE);
    }
}
