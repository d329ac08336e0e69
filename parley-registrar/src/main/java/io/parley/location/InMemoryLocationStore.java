package io.parley.location;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A location store in the heap, for tests and embedding; its bindings are lost when the JVM exits.
 *
 * <p>Each AOR's bindings change inside {@link ConcurrentHashMap#compute}, which runs one update of a
 * key at a time, so concurrent requests for one AOR are applied one after the other.
 */
public final class InMemoryLocationStore implements LocationStore {

    private final ConcurrentHashMap<String, List<Binding>> bindingsByAor = new ConcurrentHashMap<>();
    private volatile boolean closed;

    @Override
    public RegisterResult register(RegisterRequest request) {
        checkOpen();
        AtomicReference<RegisterResult> result = new AtomicReference<>();
        bindingsByAor.compute(request.aor(), (aor, stored) -> {
            BindingRules.Outcome outcome = BindingRules.apply(stored == null ? List.of() : stored, request);
            result.set(outcome.result());
            if (!outcome.applied()) {
                return stored;
            }
            return outcome.bindings().isEmpty() ? null : List.copyOf(outcome.bindings());
        });
        return result.get();
    }

    @Override
    public List<Binding> lookup(String aor, Instant now) {
        checkOpen();
        List<Binding> stored = bindingsByAor.getOrDefault(aor, List.of());
        return stored.stream().filter(binding -> !binding.isExpired(now)).toList();
    }

    @Override
    public List<Binding> purgeExpired(Instant now) {
        checkOpen();
        List<Binding> purged = new ArrayList<>();
        for (String aor : bindingsByAor.keySet()) {
            bindingsByAor.computeIfPresent(aor, (key, stored) -> {
                List<Binding> kept = new ArrayList<>();
                for (Binding binding : stored) {
                    if (binding.isExpired(now)) {
                        purged.add(binding);
                    } else {
                        kept.add(binding);
                    }
                }
                return kept.isEmpty() ? null : List.copyOf(kept);
            });
        }
        return purged;
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("location store is closed");
        }
    }
}
