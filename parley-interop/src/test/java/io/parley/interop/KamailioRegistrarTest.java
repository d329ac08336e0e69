package io.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Proves that the Kamailio registrar configuration enforces what Parley's interop tests rely on. */
@ExtendWith(PeerLogs.class)
class KamailioRegistrarTest {

    private static final String USER = "alice";
    private static final String PASSWORD = "wonderland-7";

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void sippRegistersAndUnregistersWithDigest(Transport transport) throws IOException {
        try (KamailioRegistrar registrar = KamailioRegistrar.start(KamailioSettings.withUser(USER, PASSWORD), directory)) {
            Path users = writeUsers(registrar.realm());
            int sippPort = LoopbackPorts.freePort();
            String contact = "sip:" + USER + "@127.0.0.1:" + sippPort + ";transport=" + transport.name();

            register(transport, registrar, users, sippPort, "600");
            assertThat(registrar.contactsOf(USER)).containsExactly(contact);

            register(transport, registrar, users, sippPort, "0");
            assertThat(registrar.contactsOf(USER)).isEmpty();
        }
    }

    @Test
    void keepsNoBindingWithoutRegistration() {
        try (KamailioRegistrar registrar = KamailioRegistrar.start(KamailioSettings.withUser(USER, PASSWORD), directory)) {
            assertThat(registrar.contactsOf(USER)).isEmpty();
        }
    }

    @Test
    void challengesWithQopAuthAndMd5ByDefault() throws IOException {
        try (KamailioRegistrar registrar = KamailioRegistrar.start(KamailioSettings.withUser(USER, PASSWORD), directory);
                SipTestClient client = SipTestClient.connect(Transport.UDP, registrar.udpPort(), null)) {
            RegisterRequest request = new RegisterRequest(client, USER, registrar.realm());

            SipResponse response = client.exchange(request.text(1, 600, null));

            assertThat(response.status()).isEqualTo(401);
            DigestChallenge challenge = response.challenge();
            assertThat(challenge.realm()).isEqualTo(KamailioSettings.DEFAULT_REALM);
            assertThat(challenge.algorithm()).isEqualTo("MD5");
            assertThat(challenge.parameter("qop")).contains("auth");
        }
    }

    /** Credentials for a qop challenge without qop (the RFC 2069 form), without cnonce or without nc. */
    @ParameterizedTest
    @ValueSource(strings = {"qop", "cnonce", "nc"})
    void rejectsAnswerMissingField(String missingField) throws IOException {
        try (KamailioRegistrar registrar = KamailioRegistrar.start(KamailioSettings.withUser(USER, PASSWORD), directory);
                SipTestClient client = SipTestClient.connect(Transport.UDP, registrar.udpPort(), null)) {
            RegisterRequest request = new RegisterRequest(client, USER, registrar.realm());
            DigestChallenge challenge = client.exchange(request.text(1, 600, null)).challenge();

            String complete = challenge.qopAuthAuthorization(USER, PASSWORD, "REGISTER", request.requestUri(),
                    "00000001", "0a4f113b");
            String authorization = complete.replaceAll(",\\s*" + missingField + "=\"?[^\",]*\"?", "");
            assertThat(authorization).doesNotContain(" " + missingField + "=");
            SipResponse response = client.exchange(request.text(2, 600, authorization));

            assertThat(response.status()).isEqualTo(403);
            assertThat(response.header("Warning")).hasValueSatisfying(warning ->
                    assertThat(warning).contains("without qop=auth, cnonce or nc"));
            assertThat(registrar.contactsOf(USER)).isEmpty();
        }
    }

    @Test
    void acceptsIncreasingNcAndChallengesReplayedNc() throws IOException {
        try (KamailioRegistrar registrar = KamailioRegistrar.start(KamailioSettings.withUser(USER, PASSWORD), directory);
                SipTestClient client = SipTestClient.connect(Transport.UDP, registrar.udpPort(), null)) {
            RegisterRequest request = new RegisterRequest(client, USER, registrar.realm());
            DigestChallenge challenge = client.exchange(request.text(1, 600, null)).challenge();
            String uri = request.requestUri();

            SipResponse first = client.exchange(request.text(2, 600,
                    challenge.qopAuthAuthorization(USER, PASSWORD, "REGISTER", uri, "00000001", "0a4f113b")));
            SipResponse refresh = client.exchange(request.text(3, 600,
                    challenge.qopAuthAuthorization(USER, PASSWORD, "REGISTER", uri, "00000002", "0a4f113b")));
            SipResponse replay = client.exchange(request.text(4, 600,
                    challenge.qopAuthAuthorization(USER, PASSWORD, "REGISTER", uri, "00000002", "0a4f113b")));

            assertThat(first.status()).isEqualTo(200);
            assertThat(refresh.status()).isEqualTo(200);
            assertThat(replay.status()).isEqualTo(401);
        }
    }

    @Test
    void rejectsWrongPasswordWithNewChallenge() throws IOException {
        try (KamailioRegistrar registrar = KamailioRegistrar.start(KamailioSettings.withUser(USER, PASSWORD), directory);
                SipTestClient client = SipTestClient.connect(Transport.UDP, registrar.udpPort(), null)) {
            RegisterRequest request = new RegisterRequest(client, USER, registrar.realm());
            DigestChallenge challenge = client.exchange(request.text(1, 600, null)).challenge();

            SipResponse response = client.exchange(request.text(2, 600, challenge.qopAuthAuthorization(
                    USER, "not-" + PASSWORD, "REGISTER", request.requestUri(), "00000001", "0a4f113b")));

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.challenge().parameter("stale")).isEmpty();
            assertThat(registrar.contactsOf(USER)).isEmpty();
        }
    }

    @Test
    void sha256VariantChallengesAndAcceptsSha256() throws IOException {
        KamailioSettings settings = KamailioSettings.withUser(USER, PASSWORD).withAlgorithm("SHA-256");
        try (KamailioRegistrar registrar = KamailioRegistrar.start(settings, directory);
                SipTestClient client = SipTestClient.connect(Transport.TCP, registrar.tcpPort(), null)) {
            RegisterRequest request = new RegisterRequest(client, USER, registrar.realm());

            SipResponse challenged = client.exchange(request.text(1, 600, null));
            DigestChallenge challenge = challenged.challenge();
            SipResponse registered = client.exchange(request.text(2, 600, challenge.qopAuthAuthorization(
                    USER, PASSWORD, "REGISTER", request.requestUri(), "00000001", "9c2e41d0")));

            assertThat(challenged.status()).isEqualTo(401);
            assertThat(challenge.algorithm()).isEqualTo("SHA-256");
            assertThat(challenge.parameter("qop")).contains("auth");
            assertThat(registered.status()).isEqualTo(200);
            assertThat(registrar.contactsOf(USER)).containsExactly(request.contact());
        }
    }

    @Test
    void tlsVariantRegistersOverTls() throws IOException {
        TestCertificate certificate = TestCertificate.generate(directory);
        KamailioSettings settings = KamailioSettings.withUser(USER, PASSWORD).withTls(certificate.tlsFiles());
        try (KamailioRegistrar registrar = KamailioRegistrar.start(settings, directory);
                SipTestClient client = SipTestClient.connect(Transport.TLS, registrar.tlsPort(),
                        certificate.clientContext())) {
            RegisterRequest request = new RegisterRequest(client, USER, registrar.realm());

            SipResponse challenged = client.exchange(request.text(1, 600, null));
            SipResponse registered = client.exchange(request.text(2, 600, challenged.challenge().qopAuthAuthorization(
                    USER, PASSWORD, "REGISTER", request.requestUri(), "00000001", "5d1e7a90")));

            assertThat(challenged.status()).isEqualTo(401);
            assertThat(registered.status()).isEqualTo(200);
            assertThat(registrar.contactsOf(USER)).containsExactly(request.contact());
        }
    }

    private void register(Transport transport, KamailioRegistrar registrar, Path users, int sippPort, String expires) {
        SippScenario.named("register-uac.xml")
                .transport(transport)
                .localPort(sippPort)
                .remotePort(registrar.port(transport))
                .injectionFile(users)
                .key("expires", expires)
                .runSuccessfully(directory);
    }

    /** Writes SIPp's injection file: user;password;domain, so the password stays off the command line. */
    private Path writeUsers(String realm) throws IOException {
        Path users = directory.resolve("users.csv");
        Files.writeString(users, "SEQUENTIAL\n" + USER + ";" + PASSWORD + ";" + realm + "\n", StandardCharsets.UTF_8);
        return users;
    }
}
