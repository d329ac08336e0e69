package io.parley.registrar;

import static io.parley.registrar.Requests.SOURCE;
import static io.parley.registrar.Requests.contact;
import static io.parley.registrar.Requests.contactUris;
import static io.parley.registrar.Requests.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.parley.auth.InMemoryCredentialStore;
import io.parley.location.Binding;
import io.parley.location.InMemoryLocationStore;
import io.parley.location.LocationStore;
import io.parley.location.LocationStoreException;
import io.parley.location.RegisterRequest;
import io.parley.location.RegisterResult;
import io.parley.message.CSeq;
import io.parley.message.Contact;
import io.parley.message.Method;
import io.parley.message.NameAddress;
import io.parley.message.Parameter;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.SipUri;
import io.parley.message.Warning;
import java.math.BigDecimal;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistrarTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final String PHONE = "sip:alice@192.0.2.10:5062";

    private final TestClock clock = new TestClock(START);
    private final InMemoryLocationStore store = new InMemoryLocationStore();

    @AfterEach
    void closeStore() {
        store.close();
    }

    private Registrar registrar(RegistrarConfig config) {
        return new Registrar(config, new InMemoryCredentialStore(), store, clock, new SecureRandom());
    }

    private SipResponse send(Registrar registrar, SipRequest request) {
        return registrar.handle(request, SOURCE).orElseThrow();
    }

    private static Parameter expires(long seconds) {
        return new Parameter("expires", Long.toString(seconds));
    }

    @Test
    void registersContactAndListsItWithExpiryAndDate() {
        Registrar registrar = registrar(RegistrarConfig.open());

        SipResponse response = send(registrar, register("alice", "c1", 1).contact(contact(PHONE)).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contactUris(response)).containsExactly(PHONE);
        assertThat(response.contacts().get(0).expires()).hasValue(3600);
        assertThat(response.date()).hasValue("Sun, 01 Mar 2026 10:00:00 GMT");
        assertThat(response.to().tag()).isPresent();
        assertThat(store.lookup("sip:alice@example.com", START)).extracting(Binding::contactUri).containsExactly(PHONE);
    }

    /** A store whose commits the test decides: registerAsync returns what {@code commits} gives. */
    private LocationStore asyncStore(Function<RegisterRequest, CompletableFuture<RegisterResult>> commits) {
        return new LocationStore() {
            @Override
            public RegisterResult register(RegisterRequest request) {
                throw new AssertionError("the registrar must use registerAsync");
            }

            @Override
            public CompletableFuture<RegisterResult> registerAsync(RegisterRequest request) {
                return commits.apply(request);
            }

            @Override
            public List<Binding> lookup(String aor, Instant now) {
                return store.lookup(aor, now);
            }

            @Override
            public List<Binding> purgeExpired(Instant now) {
                return store.purgeExpired(now);
            }

            @Override
            public void close() {
            }
        };
    }

    @Test
    void handleAsyncWaitsForStoreCommit() {
        CompletableFuture<RegisterResult> commit = new CompletableFuture<>();
        List<RegisterRequest> seen = new ArrayList<>();
        Registrar registrar = new Registrar(RegistrarConfig.open(), new InMemoryCredentialStore(),
                asyncStore(request -> {
                    seen.add(request);
                    return commit;
                }), clock, new SecureRandom());

        CompletableFuture<Optional<SipResponse>> response = registrar.handleAsync(
                register("alice", "c1", 1).contact(contact(PHONE)).build(), SOURCE);

        assertThat(response).isNotDone();
        assertThat(seen).hasSize(1);
        commit.complete(store.register(seen.get(0)));
        assertThat(response).isCompleted();
        assertThat(response.join().orElseThrow().statusCode()).isEqualTo(200);
        assertThat(contactUris(response.join().orElseThrow())).containsExactly(PHONE);
    }

    @Test
    void storeFailureInTheFutureIsAnswered500() {
        Registrar registrar = new Registrar(RegistrarConfig.open(), new InMemoryCredentialStore(),
                asyncStore(request -> CompletableFuture.failedFuture(new LocationStoreException("disk full"))), clock,
                new SecureRandom());

        SipResponse response = send(registrar, register("alice", "c1", 1).contact(contact(PHONE)).build());

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.warnings()).extracting(Warning::text).singleElement().asString()
                .startsWith("location-store-failed");
    }

    @Test
    void dateTextChangesWithTheSecond() {
        assertThat(ResponseFactory.date(START)).isEqualTo("Sun, 01 Mar 2026 10:00:00 GMT");
        assertThat(ResponseFactory.date(START.plusMillis(999))).isEqualTo("Sun, 01 Mar 2026 10:00:00 GMT");
        assertThat(ResponseFactory.date(START.plusSeconds(61))).isEqualTo("Sun, 01 Mar 2026 10:01:01 GMT");
        assertThat(ResponseFactory.date(START)).isEqualTo("Sun, 01 Mar 2026 10:00:00 GMT");
    }

    @Test
    void bindingStoresSourceTransportAndUserAgent() {
        Registrar registrar = registrar(RegistrarConfig.open());

        send(registrar, register("alice", "c1", 1).contact(contact(PHONE)).userAgent("Phone/1.0").build());

        Binding binding = store.lookup("sip:alice@example.com", START).get(0);
        assertThat(binding.sourceAddress()).isEqualTo("127.0.0.1:5062");
        assertThat(binding.transport()).isEqualTo("UDP");
        assertThat(binding.userAgent()).isEqualTo("Phone/1.0");
        assertThat(binding.callId()).isEqualTo("c1");
        assertThat(binding.cseq()).isEqualTo(1);
    }

    @Test
    void expiryComesFromContactThenHeaderThenDefault() {
        Registrar registrar = registrar(RegistrarConfig.open());
        SipRequest request = register("alice", "c1", 1)
                .contacts(List.of(contact("sip:a@192.0.2.1", expires(120)), contact("sip:b@192.0.2.2")))
                .expires(600)
                .build();

        SipResponse response = send(registrar, request);
        SipResponse byDefault = send(registrar, register("bob", "c2", 1).contact(contact("sip:c@192.0.2.3")).build());

        assertThat(response.contacts()).extracting(c -> c.address().uri().format(), c -> c.expires().orElseThrow())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("sip:a@192.0.2.1", 120L),
                        org.assertj.core.groups.Tuple.tuple("sip:b@192.0.2.2", 600L));
        assertThat(byDefault.contacts().get(0).expires()).hasValue(3600);
    }

    @Test
    void capsExpiryAtMaximum() {
        Registrar registrar = registrar(RegistrarConfig.open().withExpiry(new RegistrarConfig.Expiry(300, 60, 900)));

        SipResponse response = send(registrar, register("alice", "c1", 1).contact(contact(PHONE, expires(7200))).build());

        assertThat(response.contacts().get(0).expires()).hasValue(900);
    }

    @Test
    void rejectsBriefExpiryWith423AndMinExpires() {
        Registrar registrar = registrar(RegistrarConfig.open());

        SipResponse response = send(registrar, register("alice", "c1", 1).contact(contact(PHONE)).expires(30).build());

        assertThat(response.statusCode()).isEqualTo(423);
        assertThat(response.minExpires()).hasValue(60);
        assertThat(store.lookup("sip:alice@example.com", START)).isEmpty();
    }

    @Test
    void keepsQAndOrdersHighestFirst() {
        Registrar registrar = registrar(RegistrarConfig.open());
        SipRequest request = register("alice", "c1", 1).contacts(List.of(
                contact("sip:low@192.0.2.1", new Parameter("q", "0.1")),
                contact("sip:high@192.0.2.2", new Parameter("q", "0.9")))).build();

        SipResponse response = send(registrar, request);

        assertThat(contactUris(response)).containsExactly("sip:high@192.0.2.2", "sip:low@192.0.2.1");
        assertThat(response.contacts().get(0).q()).hasValue(0.9);
        assertThat(store.lookup("sip:alice@example.com", START).get(0).q()).isEqualByComparingTo(new BigDecimal("0.9"));
    }

    @Test
    void rejectsInvalidQ() {
        Registrar registrar = registrar(RegistrarConfig.open());

        SipResponse response = send(registrar,
                register("alice", "c1", 1).contact(contact(PHONE, new Parameter("q", "1.5"))).build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.warnings()).extracting(Warning::text).singleElement().asString().startsWith("invalid-q");
    }

    @Test
    void requestWithoutContactFetchesBindings() {
        Registrar registrar = registrar(RegistrarConfig.open());
        send(registrar, register("alice", "c1", 1).contact(contact(PHONE)).build());
        clock.advance(Duration.ofSeconds(100));

        SipResponse response = send(registrar, register("alice", "c1", 2).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contactUris(response)).containsExactly(PHONE);
        assertThat(response.contacts().get(0).expires()).hasValue(3500);
    }

    @Test
    void refreshKeepsOneBindingWithNewExpiry() {
        Registrar registrar = registrar(RegistrarConfig.open());
        send(registrar, register("alice", "c1", 1).contact(contact(PHONE)).build());
        clock.advance(Duration.ofSeconds(1000));

        SipResponse response = send(registrar, register("alice", "c1", 2).contact(contact(PHONE)).expires(1800).build());

        assertThat(contactUris(response)).containsExactly(PHONE);
        assertThat(response.contacts().get(0).expires()).hasValue(1800);
    }

    @Test
    void expiresZeroRemovesOneContact() {
        Registrar registrar = registrar(RegistrarConfig.open());
        send(registrar, register("alice", "c1", 1)
                .contacts(List.of(contact(PHONE), contact("sip:alice@192.0.2.11"))).build());

        SipResponse response = send(registrar, register("alice", "c1", 2).contact(contact(PHONE, expires(0))).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(contactUris(response)).containsExactly("sip:alice@192.0.2.11");
    }

    @Test
    void wildcardWithExpiresZeroRemovesEveryBinding() {
        Registrar registrar = registrar(RegistrarConfig.open());
        send(registrar, register("alice", "c1", 1)
                .contacts(List.of(contact(PHONE), contact("sip:alice@192.0.2.11"))).build());

        SipResponse response = send(registrar, register("alice", "c1", 2).contact(Contact.WILDCARD).expires(0).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.contacts()).isEmpty();
        assertThat(store.lookup("sip:alice@example.com", START)).isEmpty();
    }

    @Test
    void rejectsWildcardWithoutExpiresZero() {
        Registrar registrar = registrar(RegistrarConfig.open());

        SipResponse withoutExpires = send(registrar, register("alice", "c1", 1).contact(Contact.WILDCARD).build());
        SipResponse withExpires60 = send(registrar, register("alice", "c1", 2).contact(Contact.WILDCARD).expires(60).build());

        assertThat(withoutExpires.statusCode()).isEqualTo(400);
        assertThat(withExpires60.statusCode()).isEqualTo(400);
    }

    @Test
    void rejectsWildcardBesideOtherContacts() {
        Registrar registrar = registrar(RegistrarConfig.open());

        SipResponse response = send(registrar, register("alice", "c1", 1)
                .contacts(List.of(Contact.WILDCARD, contact(PHONE))).expires(0).build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.warnings().get(0).text()).startsWith("wildcard-not-alone");
    }

    @Test
    void ignoresSameCallIdWithCSeqNotHigher() {
        Registrar registrar = registrar(RegistrarConfig.open());
        send(registrar, register("alice", "c1", 5).contact(contact(PHONE)).build());

        SipResponse response = send(registrar, register("alice", "c1", 5).contact(contact(PHONE, expires(0))).build());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.warnings().get(0).text()).startsWith("cseq-out-of-order");
        assertThat(store.lookup("sip:alice@example.com", START)).hasSize(1);
    }

    @Test
    void otherCallIdUpdatesWhateverItsCSeq() {
        Registrar registrar = registrar(RegistrarConfig.open());
        send(registrar, register("alice", "c1", 5).contact(contact(PHONE)).build());

        SipResponse response = send(registrar, register("alice", "c2", 1).contact(contact(PHONE, expires(0))).build());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(store.lookup("sip:alice@example.com", START)).isEmpty();
    }

    @Test
    void rejectsBindingsAboveLimit() {
        Registrar registrar = registrar(RegistrarConfig.open().withMaxBindingsPerAor(1));

        SipResponse response = send(registrar, register("alice", "c1", 1)
                .contacts(List.of(contact(PHONE), contact("sip:alice@192.0.2.11"))).build());

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.warnings().get(0).text()).startsWith("too-many-bindings");
    }

    @Test
    void rejectsRequestUriDomainNotServed() {
        Registrar notFound = registrar(RegistrarConfig.open().withDomains(Set.of("example.org")));
        Registrar forbidden = registrar(RegistrarConfig.open().withDomains(Set.of("example.org")).withUnknownDomainStatus(403));
        SipRequest request = register("alice", "c1", 1).contact(contact(PHONE)).build();

        assertThat(send(notFound, request).statusCode()).isEqualTo(404);
        assertThat(send(forbidden, request).statusCode()).isEqualTo(403);
        assertThat(send(notFound, request).warnings().get(0).text()).startsWith("domain-not-served");
    }

    @Test
    void servedDomainComparesWithoutCase() {
        Registrar registrar = registrar(RegistrarConfig.open().withDomains(Set.of("EXAMPLE.com")));

        SipResponse response = send(registrar, register("alice", "c1", 1).contact(contact(PHONE)).build());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsAorOfAnotherDomain() {
        Registrar registrar = registrar(RegistrarConfig.open().withDomains(Set.of("example.com")));
        SipRequest request = register("alice", "c1", 1)
                .to(NameAddress.of(SipUri.of("alice", "example.org"))).contact(contact(PHONE)).build();

        SipResponse response = send(registrar, request);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.warnings().get(0).text()).startsWith("aor-domain-not-served");
    }

    @Test
    void rejectsAorWithoutUser() {
        Registrar registrar = registrar(RegistrarConfig.open());
        SipRequest request = register("alice", "c1", 1)
                .to(NameAddress.of(SipUri.of("", "example.com"))).contact(contact(PHONE)).build();

        assertThat(send(registrar, request).statusCode()).isEqualTo(404);
    }

    @Test
    void storesAorInCanonicalForm() {
        Registrar registrar = registrar(RegistrarConfig.open());
        SipRequest request = register("alice", "c1", 1)
                .to(NameAddress.of(Requests.uri("sip:%61lice@EXAMPLE.com;transport=tcp"))).contact(contact(PHONE)).build();

        send(registrar, request);

        assertThat(store.lookup("sip:alice@example.com", START)).hasSize(1);
    }

    @Test
    void rejectsUnsupportedRequireWith420() {
        Registrar registrar = registrar(RegistrarConfig.open());

        SipResponse response = send(registrar, register("alice", "c1", 1)
                .require(List.of("gruu", "path")).contact(contact(PHONE)).build());

        assertThat(response.statusCode()).isEqualTo(420);
        assertThat(response.unsupported()).containsExactly("gruu", "path");
    }

    @Test
    void acceptsRequireOfSupportedTag() {
        Registrar registrar = registrar(RegistrarConfig.open().withSupportedOptionTags(Set.of("path")));

        SipResponse response = send(registrar, register("alice", "c1", 1)
                .require(List.of("Path")).contact(contact(PHONE)).build());

        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void answersOptionsWith200AndAllow() {
        Registrar registrar = registrar(RegistrarConfig.open());
        SipRequest options = register("alice", "c1", 1).method(Method.OPTIONS)
                .cseq(new CSeq(1, Method.OPTIONS)).build();

        SipResponse response = send(registrar, options);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.allow()).containsExactly(Method.REGISTER, Method.OPTIONS);
    }

    @Test
    void answersOtherMethodsWith405AndAllow() {
        Registrar registrar = registrar(RegistrarConfig.open());
        SipRequest invite = SipRequest.builder(Method.INVITE, SipUri.of("bob", "example.com"))
                .vias(register("alice", "c1", 1).build().vias())
                .maxForwards(70)
                .from(NameAddress.of(SipUri.of("alice", "example.com")).withTag("x"))
                .to(NameAddress.of(SipUri.of("bob", "example.com")))
                .callId("i1")
                .cseq(new CSeq(1, Method.INVITE))
                .build();

        SipResponse response = send(registrar, invite);

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.allow()).containsExactly(Method.REGISTER, Method.OPTIONS);
    }

    @Test
    void sendsNothingForAck() {
        Registrar registrar = registrar(RegistrarConfig.open());
        SipRequest ack = register("alice", "c1", 1).method(Method.ACK)
                .cseq(new CSeq(1, Method.ACK)).build();

        assertThat(registrar.handle(ack, SOURCE)).isEmpty();
    }

    @Test
    void logsRegistrationRefreshRemovalAndExpiry() {
        Registrar registrar = registrar(RegistrarConfig.open());
        try (LogCapture logs = new LogCapture()) {
            send(registrar, register("alice", "c1", 1).contact(contact(PHONE, expires(60))).build());
            send(registrar, register("alice", "c1", 2).contact(contact(PHONE, expires(60))).build());
            send(registrar, register("alice", "c1", 3).contact(contact(PHONE, expires(0))).build());
            send(registrar, register("bob", "c2", 1).contact(contact("sip:bob@192.0.2.20", expires(60))).build());
            clock.advance(Duration.ofSeconds(61));
            registrar.purgeExpired();

            assertThat(logs.messages()).containsSubsequence(
                    "registered aor=sip:alice@example.com contact=" + PHONE + " expires=60s source=127.0.0.1:5062/UDP",
                    "refreshed aor=sip:alice@example.com contact=" + PHONE + " expires=60s source=127.0.0.1:5062/UDP",
                    "removed aor=sip:alice@example.com contact=" + PHONE + " source=127.0.0.1:5062/UDP");
            assertThat(logs.messages()).anySatisfy(message -> assertThat(message)
                    .startsWith("expired aor=sip:bob@example.com contact=sip:bob@192.0.2.20 source=127.0.0.1:5062/UDP"));
        }
    }

    @Test
    void logsRejectionWithReasonAndSource() {
        Registrar registrar = registrar(RegistrarConfig.open());
        try (LogCapture logs = new LogCapture()) {
            send(registrar, register("alice", "c1", 1).contact(contact(PHONE)).expires(10).build());

            assertThat(logs.messages()).singleElement().asString()
                    .startsWith("rejected REGISTER: status=423 reason=interval-too-brief aor=sip:alice@example.com")
                    .contains("source=127.0.0.1:5062/UDP");
        }
    }

    @Test
    void purgeRemovesExpiredBindings() {
        Registrar registrar = registrar(RegistrarConfig.open());
        send(registrar, register("alice", "c1", 1).contact(contact(PHONE, expires(60))).build());
        clock.advance(Duration.ofSeconds(61));

        List<Binding> purged = registrar.purgeExpired();

        assertThat(purged).extracting(Binding::contactUri).containsExactly(PHONE);
    }
}
