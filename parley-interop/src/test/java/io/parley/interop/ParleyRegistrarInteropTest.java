package io.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.parley.registrar.UsersFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Real SIP clients register against {@code parley registrar} on loopback: sipsak, SIPp, baresip and linphonec,
 * a crafted client that answers a qop challenge in the RFC 2069 form, and a registrar killed and
 * restarted between two requests.
 */
@ExtendWith(PeerLogs.class)
class ParleyRegistrarInteropTest {

    private static final String USER = "alice";
    private static final String PASSWORD = "wonderland-7";
    private static final String REALM = "parley.test";
    /** The clients register AORs on the registrar's address, so no name is ever resolved. */
    private static final String DOMAIN = "127.0.0.1";
    private static final String AOR = "sip:" + USER + "@" + DOMAIN;
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path directory;

    private Path users;
    private Path store;

    @BeforeEach
    void writeUsers() throws IOException {
        users = directory.resolve("users.txt");
        UsersFile.addOrReplaceUser(users, USER, REALM, PASSWORD.toCharArray());
        store = directory.resolve("store");
    }

    /** Starts the registrar offering MD5 only, because sipsak 0.9.8 and SIPp 3.6 hash nothing else. */
    private ParleyRegistrarProcess startRegistrar(String... options) {
        List<String> all = new java.util.ArrayList<>(List.of("--realm", REALM, "--algorithms", "MD5"));
        all.addAll(List.of(options));
        return ParleyRegistrarProcess.start("parley-registrar", directory, users, store, LoopbackPorts.freePort(),
                all.toArray(String[]::new));
    }

    private int runClient(String name, List<String> command) {
        try (PeerProcess client = PeerProcess.start(name, command, directory)) {
            return client.awaitExit(CLIENT_TIMEOUT);
        }
    }

    private static void awaitTrue(Supplier<Boolean> condition, Duration timeout, String description) {
        if (!becomesTrue(condition, timeout)) {
            fail("not " + description + " within " + timeout);
        }
    }

    /** Polls {@code condition} every 100 ms and returns whether it became true within {@code timeout}. */
    private static boolean becomesTrue(Supplier<Boolean> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.get()) {
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    private List<String> sipsak(ParleyRegistrarProcess registrar, String contact, int expires) {
        Path sipsak = PeerBinary.require("sipsak", "sipsak");
        // sipsak 0.9.8.1 mangles a port inside -s, so the registrar's port goes in -r.
        return List.of(sipsak.toString(), "-U", "-C", contact, "-x", Integer.toString(expires),
                "-s", AOR, "-r", Integer.toString(registrar.port()), "-u", USER, "-a", PASSWORD);
    }

    @Test
    void sipsakRegistersAndUnregisters() {
        try (ParleyRegistrarProcess registrar = startRegistrar()) {
            String contact = "sip:" + USER + "@127.0.0.1:" + LoopbackPorts.freePort();

            int registered = runClient("sipsak-register", sipsak(registrar, contact, 300));
            List<String> afterRegister = registrar.contactsOf(AOR);
            int unregistered = runClient("sipsak-unregister", sipsak(registrar, contact, 0));

            assertThat(registered).as("sipsak exit status when registering").isZero();
            assertThat(afterRegister).containsExactly(contact);
            assertThat(unregistered).as("sipsak exit status when unregistering").isZero();
            assertThat(registrar.contactsOf(AOR)).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void sippRegistersAndUnregisters(Transport transport) throws IOException {
        try (ParleyRegistrarProcess registrar = startRegistrar()) {
            Path injection = directory.resolve("users.csv");
            Files.writeString(injection, "SEQUENTIAL\n" + USER + ";" + PASSWORD + ";" + DOMAIN + "\n", StandardCharsets.UTF_8);
            int sippPort = LoopbackPorts.freePort();
            String contact = "sip:" + USER + "@127.0.0.1:" + sippPort + ";transport=" + transport.name();

            sipp(transport, registrar, injection, sippPort, "600");
            List<String> afterRegister = registrar.contactsOf(AOR);
            sipp(transport, registrar, injection, sippPort, "0");

            assertThat(afterRegister).containsExactly(contact);
            assertThat(registrar.contactsOf(AOR)).isEmpty();
        }
    }

    private void sipp(Transport transport, ParleyRegistrarProcess registrar, Path injection, int sippPort, String expires) {
        SippScenario.named("register-uac.xml")
                .transport(transport)
                .localPort(sippPort)
                .remotePort(registrar.port())
                .injectionFile(injection)
                .key("expires", expires)
                .runSuccessfully(directory);
    }

    @Test
    void baresipRegistersAndUnregistersOnExit() throws IOException {
        Path baresip = PeerBinary.require("baresip", "baresip-core");
        try (ParleyRegistrarProcess registrar = startRegistrar()) {
            int baresipPort = LoopbackPorts.freePort();
            Path config = writeBaresipConfig(registrar.port(), baresipPort);
            String aor = "sip:" + USER + "@127.0.0.1:" + registrar.port();

            try (PeerProcess client = PeerProcess.start("baresip",
                    List.of(baresip.toString(), "-f", config.toString(), "-t", "8"), directory)) {
                awaitTrue(() -> !registrar.contactsOf(aor).isEmpty(), CLIENT_TIMEOUT, "registered by baresip");
                List<String> whileRunning = registrar.contactsOf(aor);
                int status = client.awaitExit(CLIENT_TIMEOUT);

                assertThat(whileRunning).singleElement().asString()
                        .startsWith("sip:" + USER).contains("@127.0.0.1:" + baresipPort);
                assertThat(status).as("baresip exit status").isZero();
            }
            assertThat(registrar.contactsOf(aor)).as("bindings after baresip quit").isEmpty();
        }
    }

    /** Writes a baresip configuration: loopback only, no sound device, one account with its password. */
    private Path writeBaresipConfig(int registrarPort, int baresipPort) throws IOException {
        Path config = Files.createDirectories(directory.resolve("baresip"));
        Files.writeString(config.resolve("config"), String.join("\n",
                "poll_method epoll",
                "sip_listen 127.0.0.1:" + baresipPort,
                "audio_player aufile,/dev/null",
                "audio_source aufile,/dev/null",
                "module_path /usr/lib/baresip/modules",
                "module g711.so",
                "module aufile.so",
                "module_app account.so",
                ""), StandardCharsets.UTF_8);
        Files.writeString(config.resolve("accounts"), "<sip:" + USER + "@127.0.0.1:" + registrarPort + ">;auth_pass="
                + PASSWORD + ";regint=300\n", StandardCharsets.UTF_8);
        Files.writeString(config.resolve("contacts"), "", StandardCharsets.UTF_8);
        return config;
    }

    @Test
    void linphonecRegistersAndUnregisters() throws IOException {
        Path linphonec = PeerBinary.require("linphonec", "linphone-cli");
        try (ParleyRegistrarProcess registrar = startRegistrar()) {
            int linphonePort = LoopbackPorts.freePort();
            Path home = directory.resolve("linphone-home");
            // linphonec keeps its database under $HOME/.local/share/linphone and logs an error when it is missing.
            Files.createDirectories(home.resolve(".local/share/linphone"));
            Path rc = writeLinphoneConfig(registrar.port(), linphonePort);
            String contact = "sip:" + USER + "@127.0.0.1:" + linphonePort + ";transport=udp";
            Path log = directory.resolve("linphonec.log");
            PeerLogs.register("linphonec", log, linphonec + " -c " + rc);
            ProcessBuilder builder = new ProcessBuilder(linphonec.toString(), "-c", rc.toString())
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().put("HOME", home.toString());
            Process process = builder.start();
            try (java.io.Writer prompt = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)) {
                // linphonec opens its SIP socket on the port given at its prompt, not the one in the file.
                prompt.write("ports sip " + linphonePort + "\n");
                prompt.flush();
                awaitTrue(() -> registrar.contactsOf(AOR).contains(contact), CLIENT_TIMEOUT, "registered by linphonec");
                // linphonec was seen to ignore an unregister typed right after it registered. The command is
                // repeated every 2 s until the binding is gone, because a repeated unregister is harmless.
                Instant deadline = Instant.now().plus(CLIENT_TIMEOUT);
                boolean unregistered = false;
                while (!unregistered && Instant.now().isBefore(deadline)) {
                    prompt.write("unregister\n");
                    prompt.flush();
                    unregistered = becomesTrue(() -> registrar.contactsOf(AOR).isEmpty(), Duration.ofSeconds(2));
                }
                assertThat(registrar.contactsOf(AOR)).as("bindings after linphonec's unregister").isEmpty();
                prompt.write("quit\n");
                prompt.flush();
            } finally {
                stopWithin(process, PeerProcess.STOP_GRACE);
            }
        }
    }

    private static void stopWithin(Process process, Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    /** Writes a linphonec configuration with one account on the registrar and its credentials. */
    private Path writeLinphoneConfig(int registrarPort, int linphonePort) throws IOException {
        Path rc = directory.resolve("linphonerc");
        Files.writeString(rc, String.join("\n",
                "[sip]",
                "sip_port=" + linphonePort,
                "sip_tcp_port=0",
                "sip_tls_port=0",
                "default_proxy=0",
                "[net]",
                "force_ice_disablement=1",
                "[proxy_0]",
                "reg_proxy=<sip:127.0.0.1:" + registrarPort + ";transport=udp>",
                "reg_identity=" + AOR,
                "reg_expires=300",
                "reg_sendregister=1",
                "publish=0",
                "[auth_info_0]",
                "username=" + USER,
                "passwd=" + PASSWORD,
                "realm=" + REALM,
                "[sound]",
                "playback_dev_id=",
                "ringer_dev_id=",
                "capture_dev_id=",
                ""), StandardCharsets.UTF_8);
        return rc;
    }

    /** Sends the REGISTER of the original bug report: qop was offered, the answer has no qop, cnonce or nc. */
    private static SipResponse registerWithRfc2069Answer(SipTestClient client) throws IOException {
        RegisterRequest request = new RegisterRequest(client, USER, DOMAIN);
        SipResponse challenge = client.exchange(request.text(1, 600, null));
        assertThat(challenge.status()).isEqualTo(401);
        DigestChallenge offered = challenge.challenge();
        assertThat(offered.parameter("qop")).hasValue("auth");
        String uri = request.requestUri();
        String authorization = "Digest username=\"" + USER + "\",realm=\"" + offered.realm() + "\",nonce=\""
                + offered.nonce() + "\",uri=\"" + uri + "\",response=\""
                + offered.rfc2069Response(USER, PASSWORD, "REGISTER", uri) + "\",algorithm=MD5";
        return client.exchange(request.text(2, 600, authorization));
    }

    @Test
    void strictRejectsAnswerWithoutCnonceNamingReason() throws IOException {
        try (ParleyRegistrarProcess registrar = startRegistrar("--profile", "strict");
                SipTestClient client = SipTestClient.connect(Transport.UDP, registrar.port(), null)) {

            SipResponse response = registerWithRfc2069Answer(client);

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.header("Warning")).hasValueSatisfying(warning -> assertThat(warning)
                    .startsWith("399 parley-registrar \"QOP_REQUIRED"));
            assertThat(registrar.contactsOf(AOR)).isEmpty();
            awaitTrue(() -> registrar.output().contains("reason=QOP_REQUIRED"), Duration.ofSeconds(5),
                    "logged with its reason");
        }
    }

    @Test
    void lenientAcceptsAnswerWithoutCnonce() throws IOException {
        try (ParleyRegistrarProcess registrar = startRegistrar("--profile", "lenient");
                SipTestClient client = SipTestClient.connect(Transport.UDP, registrar.port(), null)) {

            SipResponse response = registerWithRfc2069Answer(client);

            assertThat(response.status()).isEqualTo(200);
            assertThat(registrar.contactsOf(AOR)).containsExactly("sip:" + USER + "@127.0.0.1:" + client.localPort());
        }
    }

    @Test
    void restartedRegistrarKeepsBindingsAndNonces() throws IOException {
        int port;
        String contact;
        DigestChallenge challenge;
        try (ParleyRegistrarProcess registrar = startRegistrar();
                SipTestClient client = SipTestClient.connect(Transport.UDP, registrar.port(), null)) {
            port = registrar.port();
            contact = "sip:" + USER + "@127.0.0.1:" + client.localPort();
            challenge = registerWithQop(client);
            assertThat(registrar.contactsOf(AOR)).containsExactly(contact);
            registrar.kill();
        }

        try (ParleyRegistrarProcess restarted = ParleyRegistrarProcess.start("parley-registrar-restarted", directory,
                users, store, port, "--realm", REALM, "--algorithms", "MD5");
                SipTestClient client = SipTestClient.connect(Transport.UDP, port, null)) {
            List<String> afterRestart = restarted.contactsOf(AOR);
            RegisterRequest refresh = new RegisterRequest(client, USER, DOMAIN);
            String authorization = challenge.qopAuthAuthorization(USER, PASSWORD, "REGISTER", refresh.requestUri(),
                    "00000002", "5c1d0e77");
            SipResponse refreshed = client.exchange(refresh.text(1, 600, authorization));

            assertThat(afterRestart).containsExactly(contact);
            assertThat(refreshed.status()).as("refresh with the nonce issued before the restart: %s", refreshed)
                    .isEqualTo(200);
            assertThat(refreshed.text()).contains("<" + contact + ">;expires=");
        }
    }

    /** Registers the client's own contact, answering the challenge with qop=auth, and returns the challenge. */
    private static DigestChallenge registerWithQop(SipTestClient client) throws IOException {
        RegisterRequest request = new RegisterRequest(client, USER, DOMAIN);
        DigestChallenge challenge = client.exchange(request.text(1, 600, null)).challenge();
        String authorization = challenge.qopAuthAuthorization(USER, PASSWORD, "REGISTER", request.requestUri(),
                "00000001", "0a4f113b");
        SipResponse response = client.exchange(request.text(2, 600, authorization));
        assertThat(response.status()).as("response to the authenticated REGISTER: %s", response).isEqualTo(200);
        return challenge;
    }
}
