package io.parley.registrar;

import static io.parley.registrar.Requests.SOURCE;
import static io.parley.registrar.Requests.contact;
import static io.parley.registrar.Requests.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.InMemoryCredentialStore;
import io.parley.location.InMemoryLocationStore;
import io.parley.message.CSeq;
import io.parley.message.Contact;
import io.parley.message.Method;
import io.parley.message.NameAddress;
import io.parley.message.Parameter;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.SipUri;
import io.parley.message.Via;
import io.parley.parser.HeaderChecks;
import io.parley.parser.MessageParseResult;
import io.parley.parser.SipParser;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Requests parsed as the stack parses what it receives, with a header the parser leaves to be
 * checked when read: the registrar responds 400 to a malformed header it reads and ignores one it does not read.
 */
class MalformedHeaderRegistrarTest {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final String PHONE = "sip:alice@192.0.2.10:5062";

    private final InMemoryLocationStore store = new InMemoryLocationStore();

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Registrar registrar(RegistrarConfig config) {
        InMemoryCredentialStore users = new InMemoryCredentialStore().add("alice", "example.com", "correct-horse-7");
        return new Registrar(config, users, store, new TestClock(NOW), new SecureRandom());
    }

    @Test
    void malformedExpiresGets400AndStoresNothing() {
        SipRequest request = withLine(register("alice", "c1", 1).contact(contact(PHONE)).build(), "Expires: soon");

        SipResponse response = registrar(RegistrarConfig.open()).handle(request, SOURCE).orElseThrow();

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.reasonPhrase()).isEqualTo("Bad Expires: delta-seconds is not a decimal number");
        assertThat(response.warnings().get(0).text()).startsWith("malformed-header");
        assertThat(store.lookup("sip:alice@example.com", NOW)).isEmpty();
    }

    @Test
    void malformedAuthorizationGets400() {
        SipRequest request = withLine(register("alice", "c1", 1).contact(contact(PHONE)).build(),
                "Authorization: Digest username=\"alice\" realm=\"example.com\"");
        Registrar registrar = registrar(RegistrarConfig.open().withAuthentication(
                AuthenticationConfig.defaults("example.com")));

        SipResponse response = registrar.handle(request, SOURCE).orElseThrow();

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.reasonPhrase()).startsWith("Bad Authorization: ");
        assertThat(store.lookup("sip:alice@example.com", NOW)).isEmpty();
    }

    @Test
    void malformedRequireInOptionsGets400() {
        SipRequest options = SipRequest.builder(Method.OPTIONS, SipUri.of("", "example.com"))
                .via(Via.of("UDP", "127.0.0.1", 5062, Via.MAGIC_COOKIE + "-options-1"))
                .maxForwards(70)
                .from(NameAddress.of(SipUri.of("alice", "example.com")).withTag("from-alice"))
                .to(NameAddress.of(SipUri.of("", "example.com")))
                .callId("options-1")
                .cseq(new CSeq(1, Method.OPTIONS))
                .build();

        SipResponse response = registrar(RegistrarConfig.open()).handle(withLine(options, "Require: a b"), SOURCE)
                .orElseThrow();

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.reasonPhrase()).startsWith("Bad Require: ");
    }

    @Test
    void unreadMalformedAllowIsIgnored() {
        SipRequest request = withLine(register("alice", "c1", 1).contact(contact(PHONE)).build(),
                "Allow: INVITE ACK");

        SipResponse response = registrar(RegistrarConfig.open()).handle(request, SOURCE).orElseThrow();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(store.lookup("sip:alice@example.com", NOW)).hasSize(1);
    }

    @Test
    void unneededMalformedExpiresIsIgnored() {
        SipRequest request = withLine(register("alice", "c1", 1)
                .contact(contact(PHONE, new Parameter("expires", "600"))).build(), "Expires: soon");

        SipResponse response = registrar(RegistrarConfig.open()).handle(request, SOURCE).orElseThrow();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(store.lookup("sip:alice@example.com", NOW)).hasSize(1);
    }

    @Test
    void malformedExpiresIsIgnoredInQuery() {
        SipRequest request = withLine(register("alice", "c1", 1).build(), "Expires: soon");

        SipResponse response = registrar(RegistrarConfig.open()).handle(request, SOURCE).orElseThrow();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contacts()).isEmpty();
    }

    @Test
    void malformedExpiresWithWildcardGets400() {
        SipRequest request = withLine(register("alice", "c1", 1).contact(Contact.WILDCARD).build(),
                "Expires: soon");

        SipResponse response = registrar(RegistrarConfig.open()).handle(request, SOURCE).orElseThrow();

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.reasonPhrase()).isEqualTo("Bad Expires: delta-seconds is not a decimal number");
    }

    /** Returns {@code request} with {@code line} added to its header section, parsed with {@link HeaderChecks#CORE}. */
    private static SipRequest withLine(SipRequest request, String line) {
        String text = new String(request.toBytes(), StandardCharsets.UTF_8).replace("\r\n\r\n", "\r\n" + line + "\r\n\r\n");
        MessageParseResult result = SipParser.parseDatagram(text.getBytes(StandardCharsets.UTF_8), HeaderChecks.CORE);
        assertThat(result).as("%s", result).isInstanceOf(MessageParseResult.Parsed.class);
        return (SipRequest) ((MessageParseResult.Parsed) result).message();
    }
}
