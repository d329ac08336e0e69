package io.parley.interop;

import static io.parley.interop.ParleyRegistration.authorization;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.SipRequest;
import io.parley.message.SipUri;
import io.parley.transport.TlsSettings;
import io.parley.ua.RegistrationEvent;
import io.parley.ua.RegistrationFailure;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Parley's registration client against the strict Kamailio registrar (qop=auth required, nc checked). */
@ExtendWith(PeerLogs.class)
class ParleyKamailioTest {

    private static final String USER = "alice";
    private static final String PASSWORD = "wonderland-7";
    private static final String TRUST_STORE_PASSWORD = "interop-trust";

    /** Short enough for two refreshes within seconds: Parley refreshes half-way, every 2 s. */
    private static final long SHORT_EXPIRES = 4;

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void registersRefreshesAndUnregisters(Transport transport) throws Exception {
        try (KamailioRegistrar registrar = KamailioRegistrar.start(KamailioSettings.withUser(USER, PASSWORD), directory);
                ParleyRegistration parley = ParleyRegistration.start(ParleyRegistration.Options.of(transport,
                        registrar.port(transport), USER, registrar.realm(), PASSWORD, SHORT_EXPIRES))) {
            RegistrationEvent.Registered registered = parley.await(RegistrationEvent.Registered.class);
            assertThat(registered.expiresSeconds()).isEqualTo(SHORT_EXPIRES);
            assertThat(registrar.contactsOf(USER)).containsExactly(uriOf(registered));

            parley.await(RegistrationEvent.Refreshed.class);
            parley.await(RegistrationEvent.Refreshed.class);
            parley.stop();

            assertThat(parley.events(RegistrationEvent.Unregistered.class)).hasSize(1);
            assertThat(registrar.contactsOf(USER)).isEmpty();
            assertThat(parley.events(RegistrationEvent.Challenged.class)).hasSize(1);
            assertRefreshesCountNonce(parley.requests());
        }
    }

    @Test
    void registersWithSha256Challenge() throws Exception {
        KamailioSettings settings = KamailioSettings.withUser(USER, PASSWORD).withAlgorithm("SHA-256");
        try (KamailioRegistrar registrar = KamailioRegistrar.start(settings, directory);
                ParleyRegistration parley = ParleyRegistration.start(ParleyRegistration.Options.of(Transport.UDP,
                        registrar.udpPort(), USER, registrar.realm(), PASSWORD, SHORT_EXPIRES))) {
            RegistrationEvent.Registered registered = parley.await(RegistrationEvent.Registered.class);
            assertThat(registered.challenge().orElseThrow().algorithm()).isEqualTo("SHA-256");
            assertThat(registered.challenge().orElseThrow().qop()).hasValue("auth");
            assertThat(registrar.contactsOf(USER)).containsExactly(uriOf(registered));

            parley.await(RegistrationEvent.Refreshed.class);
            parley.await(RegistrationEvent.Refreshed.class);
            parley.stop();

            assertThat(registrar.contactsOf(USER)).isEmpty();
            assertThat(parley.events(RegistrationEvent.Challenged.class)).hasSize(1);
            assertRefreshesCountNonce(parley.requests());
            assertThat(authorization(parley.requests().get(1), "response")).hasSize(64);
        }
    }

    @Test
    void registersOverTls() throws Exception {
        TestCertificate certificate = TestCertificate.generate(directory);
        KamailioSettings settings = KamailioSettings.withUser(USER, PASSWORD).withTls(certificate.tlsFiles());
        Path trustStore = TrustStores.containing(certificate.certificate(), directory, TRUST_STORE_PASSWORD);
        TlsSettings tls = TlsSettings.defaults().withTrustStore(trustStore, TRUST_STORE_PASSWORD.toCharArray());
        try (KamailioRegistrar registrar = KamailioRegistrar.start(settings, directory);
                ParleyRegistration parley = ParleyRegistration.start(ParleyRegistration.Options.of(Transport.TLS,
                        registrar.tlsPort(), USER, registrar.realm(), PASSWORD, SHORT_EXPIRES).withTls(tls))) {
            RegistrationEvent.Registered registered = parley.await(RegistrationEvent.Registered.class);
            assertThat(registrar.contactsOf(USER)).containsExactly(uriOf(registered));
            assertThat(uriOf(registered)).endsWith(";transport=tls");

            parley.await(RegistrationEvent.Refreshed.class);
            parley.stop();

            assertThat(registrar.contactsOf(USER)).isEmpty();
        }
    }

    @Test
    void wrongPasswordFailsNamingUserAndRealm() throws Exception {
        try (KamailioRegistrar registrar = KamailioRegistrar.start(KamailioSettings.withUser(USER, PASSWORD), directory);
                ParleyRegistration parley = ParleyRegistration.start(ParleyRegistration.Options.of(Transport.UDP,
                        registrar.udpPort(), USER, registrar.realm(), "not-" + PASSWORD, SHORT_EXPIRES))) {
            RegistrationEvent.Failed failed = parley.await(RegistrationEvent.Failed.class);

            assertThat(failed.retryIn()).isEmpty();
            assertThat(failed.failure().kind()).isEqualTo(RegistrationFailure.Kind.AUTHENTICATION_FAILED);
            assertThat(failed.failure().diagnosis()).contains("user \"alice\"").contains("realm \"parley.test\"");
            assertThat(parley.requests()).hasSize(2);
            assertThat(registrar.contactsOf(USER)).isEmpty();
        }
    }

    /** Checks CSeq 1 without credentials, then nc 1, 2, 3 ... on one nonce and one cnonce. */
    private static void assertRefreshesCountNonce(List<SipRequest> requests) {
        assertThat(requests.size()).isGreaterThanOrEqualTo(5);
        assertThat(requests.get(0).authorization()).isEmpty();
        String nonce = authorization(requests.get(1), "nonce");
        String cnonce = authorization(requests.get(1), "cnonce");
        for (int i = 1; i < requests.size(); i++) {
            SipRequest request = requests.get(i);
            assertThat(request.cseq().sequence()).as("CSeq of request %d", i + 1).isEqualTo(i + 1);
            assertThat(authorization(request, "nc")).as("nc of CSeq %d", i + 1).isEqualTo(String.format("%08x", i));
            assertThat(authorization(request, "nonce")).as("nonce of CSeq %d", i + 1).isEqualTo(nonce);
            assertThat(authorization(request, "cnonce")).as("cnonce of CSeq %d", i + 1).isEqualTo(cnonce);
            assertThat(authorization(request, "qop")).isEqualTo("auth");
        }
        assertThat(requests.get(requests.size() - 1).expires()).hasValue(0);
    }

    private static String uriOf(RegistrationEvent.Registered registered) {
        return ((SipUri) registered.contact().address().uri()).format();
    }
}
