package io.parley.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Validates the SIPp registrar scenarios that Parley's registration client is tested against: each
 * UAS scenario runs against a SIPp UAC of known behaviour, so a later failure of Parley against the
 * scenario points at Parley, not at the scenario.
 */
@ExtendWith(PeerLogs.class)
class SippRegistrarScenarioTest {

    /** The challenge of registrar-challenge-uas.xml, byte for byte. */
    private static final String PROXIMITI_CHALLENGE =
            "Digest realm=\"proximiti\",nonce=\"156730866\",qop=\"auth\",algorithm=MD5";

    private static final String USER = "23";
    private static final String PASSWORD = "4321";

    /** SIPp's status when a call failed: the UAS scenarios fail the call after sending 403. */
    private static final int CALL_FAILED = 1;

    private static final Duration UAS_EXIT_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private int registrarPort;

    @BeforeEach
    void choosePort() {
        registrarPort = LoopbackPorts.freePort();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void challengeScenarioAcceptsQopAuthAnswer(Transport transport) throws IOException {
        try (PeerProcess registrar = registrar("registrar-challenge-uas.xml", transport)) {
            client("registrar-challenge-uac.xml", transport, PASSWORD).runSuccessfully(directory);

            assertThat(registrar.awaitExit(UAS_EXIT_TIMEOUT)).isEqualTo(SippScenario.ALL_CALLS_SUCCEEDED);
            assertThat(messagesOf("registrar-challenge-uas"))
                    .contains("WWW-Authenticate: " + PROXIMITI_CHALLENGE + "\r\n")
                    .contains("Contact: <sip:23@127.0.0.1:")
                    .contains(";expires=60\r\n");
        }
    }

    @Test
    void challengeScenarioRejectsWrongPassword() throws IOException {
        try (PeerProcess registrar = registrar("registrar-challenge-uas.xml", Transport.UDP)) {
            client("register-rejected-uac.xml", Transport.UDP, "not-" + PASSWORD).runSuccessfully(directory);

            assertThat(registrar.awaitExit(UAS_EXIT_TIMEOUT)).isEqualTo(CALL_FAILED);
        }
    }

    @Test
    void challengeScenarioRejectsRfc2069Answer() throws IOException {
        DigestChallenge challenge = DigestChallenge.parse(PROXIMITI_CHALLENGE);
        String uri = "sip:127.0.0.1:" + registrarPort;
        String response = challenge.rfc2069Response(USER, PASSWORD, "REGISTER", uri);

        try (PeerProcess registrar = registrar("registrar-challenge-uas.xml", Transport.UDP)) {
            client("register-rfc2069-uac.xml", Transport.UDP, PASSWORD)
                    .key("realm", challenge.realm())
                    .key("nonce", challenge.nonce())
                    .key("response", response)
                    .runSuccessfully(directory);

            assertThat(registrar.awaitExit(UAS_EXIT_TIMEOUT)).isEqualTo(CALL_FAILED);
        }
    }

    @Test
    void nonceRotationScenarioAcceptsAnswerToNewNonce() throws IOException {
        try (PeerProcess registrar = registrar("registrar-nonce-rotation-uas.xml", Transport.UDP)) {
            client("registrar-refresh-uac.xml", Transport.UDP, PASSWORD).runSuccessfully(directory);

            assertThat(registrar.awaitExit(UAS_EXIT_TIMEOUT)).isEqualTo(SippScenario.ALL_CALLS_SUCCEEDED);
            String messages = messagesOf("registrar-nonce-rotation-uas");
            assertThat(messages).contains("nonce=\"2934715083\",qop=\"auth\",algorithm=MD5\r\n");
            assertThat(messages).doesNotContain("stale=");
        }
    }

    @Test
    void staleNonceScenarioAcceptsAnswerToNewNonce() throws IOException {
        try (PeerProcess registrar = registrar("registrar-stale-nonce-uas.xml", Transport.UDP)) {
            client("registrar-refresh-uac.xml", Transport.UDP, PASSWORD).runSuccessfully(directory);

            assertThat(registrar.awaitExit(UAS_EXIT_TIMEOUT)).isEqualTo(SippScenario.ALL_CALLS_SUCCEEDED);
            assertThat(messagesOf("registrar-stale-nonce-uas"))
                    .contains("nonce=\"2934715083\",qop=\"auth\",algorithm=MD5,stale=true\r\n");
        }
    }

    @Test
    void minExpiresScenarioAcceptsRaisedExpiry() throws IOException {
        try (PeerProcess registrar = registrar("registrar-min-expires-uas.xml", Transport.UDP)) {
            client("registrar-min-expires-uac.xml", Transport.UDP, PASSWORD).runSuccessfully(directory);

            assertThat(registrar.awaitExit(UAS_EXIT_TIMEOUT)).isEqualTo(SippScenario.ALL_CALLS_SUCCEEDED);
            assertThat(messagesOf("registrar-min-expires-uas"))
                    .contains("SIP/2.0 423 Interval Too Brief\r\n")
                    .contains("Min-Expires: 120\r\n");
        }
    }

    @Test
    void minExpiresScenarioRejectsUnraisedExpiry() throws IOException {
        try (PeerProcess registrar = registrar("registrar-min-expires-uas.xml", Transport.UDP)) {
            client("registrar-min-expires-unraised-uac.xml", Transport.UDP, PASSWORD).runSuccessfully(directory);

            assertThat(registrar.awaitExit(UAS_EXIT_TIMEOUT)).isEqualTo(CALL_FAILED);
        }
    }

    private PeerProcess registrar(String scenario, Transport transport) {
        return SippScenario.named(scenario)
                .transport(transport)
                .localPort(registrarPort)
                .key("granted_expires", "60")
                .startServer(directory);
    }

    private SippScenario client(String scenario, Transport transport, String password) throws IOException {
        Path users = directory.resolve("users.csv");
        Files.writeString(users, "SEQUENTIAL\n" + USER + ";" + password + ";proximiti\n", StandardCharsets.UTF_8);
        return SippScenario.named(scenario)
                .transport(transport)
                .remotePort(registrarPort)
                .injectionFile(users);
    }

    private String messagesOf(String scenarioBaseName) throws IOException {
        Path log = directory.resolve("sipp-uas-" + scenarioBaseName + "-messages.log");
        return Files.readString(log, StandardCharsets.UTF_8).replace("\n", "\r\n").replace("\r\r\n", "\r\n");
    }
}
