package io.parley.interop;

import static io.parley.interop.ParleyRegistration.authorization;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.SipRequest;
import io.parley.ua.RegistrationEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Parley's registration client against the SIPp registrar scenarios: a qop=auth MD5 challenge for
 * realm proximiti that must be met exactly, and refreshes met by a 401 with a new nonce, by a stale
 * nonce, or by 423.
 */
@ExtendWith(PeerLogs.class)
class ParleySippTest {

    private static final String USER = "23";
    private static final String PASSWORD = "4321";
    private static final String FIRST_NONCE = "156730866";
    private static final String SECOND_NONCE = "2934715083";
    private static final Duration SCENARIO_EXIT_TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path directory;

    private int registrarPort;

    @BeforeEach
    void choosePort() {
        registrarPort = LoopbackPorts.freePort();
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void registersWithProximitiChallenge(Transport transport) throws Exception {
        try (PeerProcess registrar = scenario("registrar-challenge-uas.xml", transport, "60");
                ParleyRegistration parley = start(transport, 3600)) {
            RegistrationEvent.Registered registered = parley.await(RegistrationEvent.Registered.class);
            parley.stop();

            assertThat(registrar.awaitExit(SCENARIO_EXIT_TIMEOUT)).isEqualTo(SippScenario.ALL_CALLS_SUCCEEDED);
            assertThat(parley.events(RegistrationEvent.Unregistered.class)).hasSize(1);
            assertThat(registered.expiresSeconds()).isEqualTo(60);
            assertThat(registered.challenge().orElseThrow().realm()).isEqualTo("proximiti");
            SipRequest answer = parley.requests().get(1);
            assertThat(answer.cseq().sequence()).isEqualTo(2);
            assertThat(authorization(answer, "nonce")).isEqualTo(FIRST_NONCE);
            assertThat(authorization(answer, "qop")).isEqualTo("auth");
            assertThat(authorization(answer, "nc")).isEqualTo("00000001");
            assertThat(authorization(answer, "uri")).isEqualTo("sip:127.0.0.1:" + registrarPort
                    + (transport == Transport.TCP ? ";transport=tcp" : ""));
        }
    }

    /** The refresh gets a 401 with a new nonce, with or without stale=true, and Parley retries once. */
    @ParameterizedTest
    @ValueSource(strings = {"registrar-nonce-rotation-uas.xml", "registrar-stale-nonce-uas.xml"})
    void recoversFromNewNonceOnRefresh(String scenarioFile) throws Exception {
        try (PeerProcess registrar = scenario(scenarioFile, Transport.UDP, "2");
                ParleyRegistration parley = start(Transport.UDP, 2)) {
            parley.await(RegistrationEvent.Registered.class);
            parley.await(RegistrationEvent.Refreshed.class);
            parley.stop();

            assertThat(registrar.awaitExit(SCENARIO_EXIT_TIMEOUT)).isEqualTo(SippScenario.ALL_CALLS_SUCCEEDED);
            List<SipRequest> requests = parley.requests();
            assertThat(requests).hasSize(5);
            assertRequest(requests.get(1), 2, FIRST_NONCE, "00000001", 2);
            assertRequest(requests.get(2), 3, FIRST_NONCE, "00000002", 2);
            assertRequest(requests.get(3), 4, SECOND_NONCE, "00000001", 2);
            assertRequest(requests.get(4), 5, SECOND_NONCE, "00000002", 0);
            assertThat(authorization(requests.get(3), "cnonce")).isNotEqualTo(authorization(requests.get(2), "cnonce"));
            assertThat(parley.events(RegistrationEvent.Unregistered.class)).hasSize(1);
        }
    }

    @Test
    void retriesWithMinExpiresAfter423() throws Exception {
        try (PeerProcess registrar = scenario("registrar-min-expires-uas.xml", Transport.UDP, "120");
                ParleyRegistration parley = start(Transport.UDP, 60)) {
            RegistrationEvent.Registered registered = parley.await(RegistrationEvent.Registered.class);
            parley.stop();

            assertThat(registrar.awaitExit(SCENARIO_EXIT_TIMEOUT)).isEqualTo(SippScenario.ALL_CALLS_SUCCEEDED);
            assertThat(registered.expiresSeconds()).isEqualTo(120);
            List<SipRequest> requests = parley.requests();
            assertThat(requests).hasSize(4);
            assertRequest(requests.get(1), 2, FIRST_NONCE, "00000001", 60);
            assertRequest(requests.get(2), 3, FIRST_NONCE, "00000002", 120);
            assertRequest(requests.get(3), 4, FIRST_NONCE, "00000003", 0);
        }
    }

    private static void assertRequest(SipRequest request, long cseq, String nonce, String nc, long expires) {
        assertThat(request.cseq().sequence()).as("CSeq").isEqualTo(cseq);
        assertThat(authorization(request, "nonce")).as("nonce of CSeq %d", cseq).isEqualTo(nonce);
        assertThat(authorization(request, "nc")).as("nc of CSeq %d", cseq).isEqualTo(nc);
        assertThat(request.expires()).as("Expires of CSeq %d", cseq).hasValue(expires);
    }

    private PeerProcess scenario(String file, Transport transport, String grantedExpires) {
        return SippScenario.named(file)
                .transport(transport)
                .localPort(registrarPort)
                .key("granted_expires", grantedExpires)
                .startServer(directory);
    }

    private ParleyRegistration start(Transport transport, long expires) throws Exception {
        return ParleyRegistration.start(ParleyRegistration.Options.of(transport, registrarPort, USER, "proximiti",
                PASSWORD, expires));
    }
}
