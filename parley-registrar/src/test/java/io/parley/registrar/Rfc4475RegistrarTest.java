package io.parley.registrar;

import static io.parley.registrar.Requests.SOURCE;
import static io.parley.registrar.Requests.torture;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.InMemoryCredentialStore;
import io.parley.location.Binding;
import io.parley.location.InMemoryLocationStore;
import io.parley.message.SipResponse;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The RFC 4475 torture messages that reach a registrar, against a registrar for example.com without authentication. */
class Rfc4475RegistrarTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");

    private final InMemoryLocationStore store = new InMemoryLocationStore();
    private final Registrar registrar = new Registrar(
            RegistrarConfig.open().withDomains(java.util.Set.of("example.com")),
            new InMemoryCredentialStore(), store, new TestClock(NOW), new SecureRandom());

    @AfterEach
    void closeStore() {
        store.close();
    }

    private SipResponse handle(String name) {
        return registrar.handle(torture(name), SOURCE).orElseThrow();
    }

    @Test
    void unknownSchemeInToGets400() {
        SipResponse response = handle("unksm2");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.warnings().get(0).text()).startsWith("to-not-sip-aor");
    }

    @Test
    void unknownRequireGets420ListingEveryTag() {
        SipResponse response = handle("bext01");

        assertThat(response.statusCode()).isEqualTo(420);
        assertThat(response.unsupported()).containsExactly("nothingSupportsThis", "nothingSupportsThisEither");
    }

    @Test
    void contactParameterOutsideBracketsStaysOnContact() {
        SipResponse response = handle("cparam01");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(store.lookup("sip:watson@example.com", NOW)).extracting(Binding::contactUri)
                .containsExactly("sip:+19725552222@gw1.example.net");
        assertThat(response.contacts()).singleElement()
                .satisfies(contact -> assertThat(contact.address().parameter("unknownparam")).hasValue(""));
    }

    @Test
    void uriParameterInsideBracketsStaysInBinding() {
        SipResponse response = handle("cparam02");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(store.lookup("sip:watson@example.com", NOW)).extracting(Binding::contactUri)
                .containsExactly("sip:+19725552222@gw1.example.net;unknownparam");
        assertThat(response.contacts().get(0).address().uri().format())
                .isEqualTo("sip:+19725552222@gw1.example.net;unknownparam");
    }

    @Test
    void escapedUriHeaderStaysInBinding() {
        SipResponse response = handle("regescrt");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(store.lookup("sip:user@example.com", NOW)).extracting(Binding::contactUri)
                .containsExactly("sip:user@example.com?Route=%3Csip:sip.example.com%3E");
        assertThat(response.contacts().get(0).address().uri().format())
                .isEqualTo("sip:user@example.com?Route=%3Csip:sip.example.com%3E");
    }
}
