package io.parley.location;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.location.BindingChange.Kind;
import io.parley.location.RegisterRequest.Contacts;
import io.parley.location.RegisterRequest.RemoveAll;
import io.parley.location.RegisterResult.Applied;
import io.parley.location.RegisterResult.OutOfOrder;
import io.parley.location.RegisterResult.TooManyBindings;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The behaviour every {@link LocationStore} shares; each implementation runs it through a subclass. */
abstract class LocationStoreContractTest {

    static final String AOR = "sip:alice@example.com";
    static final String CONTACT_A = "sip:alice@127.0.0.1:5062";
    static final String CONTACT_B = "sip:alice@127.0.0.1:5064;transport=tcp";
    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    static final int MAX_BINDINGS = 10;

    LocationStore store;

    /** Returns a new, empty store. */
    abstract LocationStore openStore();

    @BeforeEach
    void open() {
        store = openStore();
    }

    @AfterEach
    void close() {
        store.close();
    }

    static RegisterRequest request(String callId, long cseq, Instant now, ContactChange... changes) {
        return new RegisterRequest(AOR, callId, cseq, new Contacts(List.of(changes)),
                "127.0.0.1:5062", "UDP", "Parley test", now, MAX_BINDINGS);
    }

    static RegisterRequest removeAll(String callId, long cseq, Instant now) {
        return new RegisterRequest(AOR, callId, cseq, new RemoveAll(),
                "127.0.0.1:5062", "UDP", "Parley test", now, MAX_BINDINGS);
    }

    static Applied applied(RegisterResult result) {
        assertThat(result).isInstanceOf(Applied.class);
        return (Applied) result;
    }

    static List<String> contacts(List<Binding> bindings) {
        return bindings.stream().map(Binding::contactUri).toList();
    }

    @Test
    void registerAsyncAppliesLikeRegister() throws Exception {
        RegisterResult result = store.registerAsync(request("c1", 1, T0, ContactChange.add(CONTACT_A, 3600, null)))
                .get(30, TimeUnit.SECONDS);

        assertThat(applied(result).bindings()).extracting(Binding::contactUri).containsExactly(CONTACT_A);
        assertThat(contacts(store.lookup(AOR, T0))).containsExactly(CONTACT_A);
    }

    @Test
    void addsBindingWithRemainingExpiry() {
        Applied result = applied(store.register(request("c1", 1, T0, ContactChange.add(CONTACT_A, 3600, null))));

        assertThat(contacts(result.bindings())).containsExactly(CONTACT_A);
        assertThat(result.remainingSeconds(result.bindings().get(0))).isEqualTo(3600);
        assertThat(result.changes()).extracting(BindingChange::kind).containsExactly(Kind.ADDED);
        assertThat(contacts(store.lookup(AOR, T0))).containsExactly(CONTACT_A);
    }

    @Test
    void storesRequestDetailsInBinding() {
        ContactChange change = new ContactChange(CONTACT_A, 600, new BigDecimal("0.7"),
                "<urn:uuid:00000000-0000-1000-8000-000a95a0e128>", 1);
        RegisterRequest request = new RegisterRequest(AOR, "call-7@host", 42, new Contacts(List.of(change)),
                "127.0.0.1:40000", "TCP", "Phone/1.0", T0, MAX_BINDINGS);

        store.register(request);

        Binding binding = store.lookup(AOR, T0).get(0);
        assertThat(binding.aor()).isEqualTo(AOR);
        assertThat(binding.contactUri()).isEqualTo(CONTACT_A);
        assertThat(binding.q()).isEqualTo(new BigDecimal("0.7"));
        assertThat(binding.expiresAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(binding.callId()).isEqualTo("call-7@host");
        assertThat(binding.cseq()).isEqualTo(42);
        assertThat(binding.sourceAddress()).isEqualTo("127.0.0.1:40000");
        assertThat(binding.transport()).isEqualTo("TCP");
        assertThat(binding.userAgent()).isEqualTo("Phone/1.0");
        assertThat(binding.updatedAt()).isEqualTo(T0);
        assertThat(binding.instanceId()).isEqualTo("<urn:uuid:00000000-0000-1000-8000-000a95a0e128>");
        assertThat(binding.regId()).isEqualTo(1);
    }

    @Test
    void keepsInstantsToTheMillisecond() {
        Instant now = T0.plusNanos(1_234_567);

        store.register(request("c1", 1, now, ContactChange.add(CONTACT_A, 60, null)));

        Binding binding = store.lookup(AOR, now).get(0);
        assertThat(binding.updatedAt()).isEqualTo(T0.plusMillis(1));
        assertThat(binding.expiresAt()).isEqualTo(T0.plusSeconds(60).plusMillis(1));
    }

    @Test
    void refreshWithHigherCSeqUpdatesBinding() {
        store.register(request("c1", 1, T0, ContactChange.add(CONTACT_A, 3600, null)));

        Instant later = T0.plusSeconds(1000);
        Applied result = applied(store.register(request("c1", 2, later, ContactChange.add(CONTACT_A, 600, null))));

        assertThat(result.changes()).extracting(BindingChange::kind).containsExactly(Kind.REFRESHED);
        Binding binding = store.lookup(AOR, later).get(0);
        assertThat(binding.cseq()).isEqualTo(2);
        assertThat(binding.expiresAt()).isEqualTo(later.plusSeconds(600));
        assertThat(binding.updatedAt()).isEqualTo(later);
    }

    @Test
    void rejectsSameCallIdWithEqualCSeq() {
        store.register(request("c1", 5, T0, ContactChange.add(CONTACT_A, 3600, null)));

        RegisterResult result = store.register(request("c1", 5, T0.plusSeconds(1), ContactChange.add(CONTACT_A, 60, null)));

        assertThat(result).isEqualTo(new OutOfOrder(CONTACT_A, 5, 5));
        assertThat(store.lookup(AOR, T0).get(0).expiresAt()).isEqualTo(T0.plusSeconds(3600));
    }

    @Test
    void rejectsSameCallIdWithLowerCSeq() {
        store.register(request("c1", 5, T0, ContactChange.add(CONTACT_A, 3600, null)));

        RegisterResult result = store.register(request("c1", 4, T0, ContactChange.remove(CONTACT_A)));

        assertThat(result).isEqualTo(new OutOfOrder(CONTACT_A, 5, 4));
        assertThat(contacts(store.lookup(AOR, T0))).containsExactly(CONTACT_A);
    }

    @Test
    void acceptsLowerCSeqFromAnotherCallId() {
        store.register(request("c1", 5, T0, ContactChange.add(CONTACT_A, 3600, null)));

        Applied result = applied(store.register(request("c2", 1, T0, ContactChange.add(CONTACT_A, 60, null))));

        assertThat(result.bindings().get(0).callId()).isEqualTo("c2");
        assertThat(result.bindings().get(0).cseq()).isEqualTo(1);
        assertThat(store.lookup(AOR, T0).get(0).expiresAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void outOfOrderContactAbortsWholeRequest() {
        store.register(request("c1", 5, T0, ContactChange.add(CONTACT_A, 3600, null)));

        RegisterResult result = store.register(request("c1", 3, T0,
                ContactChange.add(CONTACT_B, 3600, null), ContactChange.add(CONTACT_A, 60, null)));

        assertThat(result).isInstanceOf(OutOfOrder.class);
        assertThat(contacts(store.lookup(AOR, T0))).containsExactly(CONTACT_A);
    }

    @Test
    void removesBindingWithExpiresZero() {
        store.register(request("c1", 1, T0, ContactChange.add(CONTACT_A, 3600, null), ContactChange.add(CONTACT_B, 3600, null)));

        Applied result = applied(store.register(request("c1", 2, T0, ContactChange.remove(CONTACT_A))));

        assertThat(contacts(result.bindings())).containsExactly(CONTACT_B);
        assertThat(result.changes()).extracting(BindingChange::kind).containsExactly(Kind.REMOVED);
        assertThat(result.changes().get(0).binding().contactUri()).isEqualTo(CONTACT_A);
        assertThat(contacts(store.lookup(AOR, T0))).containsExactly(CONTACT_B);
    }

    @Test
    void removingUnknownContactChangesNothing() {
        Applied result = applied(store.register(request("c1", 1, T0, ContactChange.remove(CONTACT_A))));

        assertThat(result.bindings()).isEmpty();
        assertThat(result.changes()).isEmpty();
        assertThat(store.lookup(AOR, T0)).isEmpty();
    }

    @Test
    void emptyContactListFetchesBindings() {
        store.register(request("c1", 1, T0, ContactChange.add(CONTACT_A, 3600, null)));

        Applied result = applied(store.register(request("c9", 1, T0.plusSeconds(100))));

        assertThat(contacts(result.bindings())).containsExactly(CONTACT_A);
        assertThat(result.remainingSeconds(result.bindings().get(0))).isEqualTo(3500);
        assertThat(result.changes()).isEmpty();
    }

    @Test
    void removeAllDeletesEveryBinding() {
        store.register(request("c1", 1, T0, ContactChange.add(CONTACT_A, 3600, null)));
        store.register(request("c2", 1, T0, ContactChange.add(CONTACT_B, 3600, null)));

        Applied result = applied(store.register(removeAll("c1", 2, T0)));

        assertThat(result.bindings()).isEmpty();
        assertThat(result.changes()).extracting(BindingChange::kind).containsExactly(Kind.REMOVED, Kind.REMOVED);
        assertThat(store.lookup(AOR, T0)).isEmpty();
    }

    @Test
    void removeAllWithStaleCSeqChangesNothing() {
        store.register(request("c1", 1, T0, ContactChange.add(CONTACT_A, 3600, null)));
        store.register(request("c2", 7, T0, ContactChange.add(CONTACT_B, 3600, null)));

        RegisterResult result = store.register(removeAll("c2", 7, T0));

        assertThat(result).isEqualTo(new OutOfOrder(CONTACT_B, 7, 7));
        assertThat(contacts(store.lookup(AOR, T0))).containsExactlyInAnyOrder(CONTACT_A, CONTACT_B);
    }

    @Test
    void ordersBindingsByQ() {
        store.register(request("c1", 1, T0,
                ContactChange.add("sip:a@127.0.0.1:5001", 3600, new BigDecimal("0.1")),
                ContactChange.add("sip:b@127.0.0.1:5002", 3600, null),
                ContactChange.add("sip:c@127.0.0.1:5003", 3600, new BigDecimal("1.0")),
                ContactChange.add("sip:d@127.0.0.1:5004", 3600, new BigDecimal("0.500"))));

        List<Binding> bindings = store.lookup(AOR, T0);

        assertThat(contacts(bindings)).containsExactly(
                "sip:c@127.0.0.1:5003", "sip:d@127.0.0.1:5004", "sip:a@127.0.0.1:5001", "sip:b@127.0.0.1:5002");
        assertThat(bindings).extracting(binding -> binding.q() == null ? null : binding.q().toPlainString())
                .containsExactly("1.0", "0.500", "0.1", null);
    }

    @Test
    void refreshReplacesQ() {
        store.register(request("c1", 1, T0, ContactChange.add(CONTACT_A, 3600, new BigDecimal("0.9"))));

        store.register(request("c1", 2, T0, ContactChange.add(CONTACT_A, 3600, null)));

        assertThat(store.lookup(AOR, T0).get(0).q()).isNull();
    }

    @Test
    void rejectsBindingsBeyondMaximum() {
        store.register(request("c1", 1, T0, ContactChange.add(CONTACT_A, 3600, null)));
        RegisterRequest overLimit = new RegisterRequest(AOR, "c1", 2,
                new Contacts(List.of(ContactChange.add(CONTACT_B, 3600, null))),
                "127.0.0.1:5062", "UDP", null, T0, 1);

        RegisterResult result = store.register(overLimit);

        assertThat(result).isEqualTo(new TooManyBindings(1, 2));
        assertThat(contacts(store.lookup(AOR, T0))).containsExactly(CONTACT_A);
    }

    @Test
    void refreshesAtMaximum() {
        store.register(request("c1", 1, T0, ContactChange.add(CONTACT_A, 3600, null)));
        RegisterRequest refresh = new RegisterRequest(AOR, "c1", 2,
                new Contacts(List.of(ContactChange.add(CONTACT_A, 60, null))),
                "127.0.0.1:5062", "UDP", null, T0, 1);

        Applied result = applied(store.register(refresh));

        assertThat(result.bindings().get(0).expiresAt()).isEqualTo(T0.plusSeconds(60));
    }

    @Test
    void lookupSkipsExpiredBindings() {
        store.register(request("c1", 1, T0, ContactChange.add(CONTACT_A, 60, null), ContactChange.add(CONTACT_B, 120, null)));

        assertThat(contacts(store.lookup(AOR, T0.plusSeconds(59)))).containsExactlyInAnyOrder(CONTACT_A, CONTACT_B);
        assertThat(contacts(store.lookup(AOR, T0.plusSeconds(60)))).containsExactly(CONTACT_B);
        assertThat(store.lookup(AOR, T0.plusSeconds(120))).isEmpty();
    }

    @Test
    void purgeDeletesOnlyExpiredBindings() {
        store.register(request("c1", 1, T0, ContactChange.add(CONTACT_A, 60, null), ContactChange.add(CONTACT_B, 120, null)));

        List<Binding> purged = store.purgeExpired(T0.plusSeconds(90));

        assertThat(contacts(purged)).containsExactly(CONTACT_A);
        assertThat(store.purgeExpired(T0.plusSeconds(90))).isEmpty();
        assertThat(contacts(store.lookup(AOR, T0))).containsExactly(CONTACT_B);
    }

    @Test
    void expiredBindingNeitherBlocksNorCountsInRequest() {
        store.register(request("c1", 9, T0, ContactChange.add(CONTACT_A, 60, null)));
        Instant later = T0.plusSeconds(61);

        Applied result = applied(store.register(request("c1", 1, later, ContactChange.add(CONTACT_A, 60, null))));

        assertThat(result.changes()).extracting(BindingChange::kind).containsExactly(Kind.EXPIRED, Kind.ADDED);
        assertThat(result.bindings().get(0).cseq()).isEqualTo(1);
        assertThat(store.purgeExpired(later)).isEmpty();
    }

    @Test
    void concurrentRefreshesOfOneAorLoseNoUpdate() throws Exception {
        int threads = 8;
        int refreshesPerThread = 100;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService executor = Executors.newFixedThreadPool(threads);
        List<Future<Integer>> appliedCounts = new ArrayList<>();
        try {
            for (int thread = 0; thread < threads; thread++) {
                String contact = "sip:alice@127.0.0.1:" + (6000 + thread);
                String callId = "thread-" + thread;
                appliedCounts.add(executor.submit(() -> refreshRepeatedly(start, contact, callId, refreshesPerThread)));
            }
            start.countDown();
            for (Future<Integer> count : appliedCounts) {
                assertThat(count.get()).isEqualTo(refreshesPerThread);
            }
        } finally {
            executor.shutdownNow();
        }

        List<Binding> bindings = store.lookup(AOR, T0);
        assertThat(bindings).hasSize(threads);
        assertThat(bindings).allSatisfy(binding -> assertThat(binding.cseq()).isEqualTo(refreshesPerThread));
    }

    private int refreshRepeatedly(CountDownLatch start, String contact, String callId, int refreshes) throws InterruptedException {
        start.await();
        int appliedCount = 0;
        for (int cseq = 1; cseq <= refreshes; cseq++) {
            RegisterRequest request = new RegisterRequest(AOR, callId, cseq,
                    new Contacts(List.of(ContactChange.add(contact, 3600, null))),
                    "127.0.0.1:5062", "UDP", null, T0, 100);
            if (store.register(request) instanceof Applied) {
                appliedCount++;
            }
        }
        return appliedCount;
    }

    @Test
    void closedStoreRejectsCalls() {
        store.close();

        assertThatThrownBy(() -> store.lookup(AOR, T0))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }
}
