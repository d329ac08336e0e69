package io.parley.location;

import io.parley.location.BindingChange.Kind;
import io.parley.location.RegisterRequest.Contacts;
import io.parley.location.RegisterRequest.RemoveAll;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The binding update rules of RFC 3261 section 10.3 steps 6 and 7, shared by every store. A store
 * reads the stored bindings of one AOR, calls {@link #apply} and writes the result back in the
 * same transaction.
 */
final class BindingRules {

    /**
     * The order of returned bindings: highest q first, bindings without q after every binding with
     * one, then by contact URI.
     */
    static final Comparator<Binding> ORDER = Comparator
            .comparing(Binding::q, Comparator.nullsLast(Comparator.<BigDecimal>reverseOrder()))
            .thenComparing(Binding::contactUri);

    private BindingRules() {}

    /**
     * The result of one request against the stored bindings of its AOR.
     *
     * @param result what to return to the caller
     * @param bindings every binding of the AOR after the request when it was applied, or the stored
     *     bindings unchanged when it was not
     */
    record Outcome(RegisterResult result, List<Binding> bindings) {
        boolean applied() {
            return result instanceof RegisterResult.Applied;
        }
    }

    /**
     * Applies {@code request} to {@code stored}, the bindings of the request's AOR, which may include
     * expired ones. Expired bindings count as absent and are dropped from the result.
     */
    static Outcome apply(List<Binding> stored, RegisterRequest request) {
        List<BindingChange> changes = new ArrayList<>();
        Map<String, Binding> live = new LinkedHashMap<>();
        for (Binding binding : stored) {
            if (binding.isExpired(request.now())) {
                changes.add(new BindingChange(Kind.EXPIRED, binding));
            } else {
                live.put(binding.contactUri(), binding);
            }
        }

        Optional<RegisterResult.OutOfOrder> outOfOrder = findOutOfOrder(live, request);
        if (outOfOrder.isPresent()) {
            return new Outcome(outOfOrder.get(), stored);
        }

        int liveCount = live.size();
        switch (request.update()) {
            case RemoveAll removeAll -> removeAll(live, changes);
            case Contacts contacts -> applyContacts(live, contacts.changes(), request, changes);
        }

        // A request may keep an AOR above a lowered limit, but never add bindings beyond it.
        if (live.size() > request.maxBindings() && live.size() > liveCount) {
            return new Outcome(new RegisterResult.TooManyBindings(request.maxBindings(), live.size()), stored);
        }

        List<Binding> bindings = new ArrayList<>(live.values());
        bindings.sort(ORDER);
        return new Outcome(new RegisterResult.Applied(bindings, changes, request.now()), bindings);
    }

    /**
     * RFC 3261 section 10.3: a binding with the request's Call-ID is changed only by a higher CSeq,
     * otherwise the whole request is aborted. A binding with another Call-ID is always changed.
     */
    private static Optional<RegisterResult.OutOfOrder> findOutOfOrder(Map<String, Binding> live, RegisterRequest request) {
        List<Binding> affected = switch (request.update()) {
            case RemoveAll removeAll -> List.copyOf(live.values());
            case Contacts contacts -> contacts.changes().stream()
                    .map(change -> live.get(change.contactUri()))
                    .filter(binding -> binding != null)
                    .toList();
        };
        for (Binding binding : affected) {
            if (binding.callId().equals(request.callId()) && binding.cseq() >= request.cseq()) {
                return Optional.of(new RegisterResult.OutOfOrder(binding.contactUri(), binding.cseq(), request.cseq()));
            }
        }
        return Optional.empty();
    }

    private static void removeAll(Map<String, Binding> live, List<BindingChange> changes) {
        for (Binding binding : live.values()) {
            changes.add(new BindingChange(Kind.REMOVED, binding));
        }
        live.clear();
    }

    private static void applyContacts(
            Map<String, Binding> live, List<ContactChange> contactChanges, RegisterRequest request, List<BindingChange> changes) {
        for (ContactChange change : contactChanges) {
            Binding existing = live.get(change.contactUri());
            if (change.isRemoval()) {
                if (existing != null) {
                    live.remove(change.contactUri());
                    changes.add(new BindingChange(Kind.REMOVED, existing));
                }
                continue;
            }
            Binding updated = newBinding(change, request);
            live.put(change.contactUri(), updated);
            changes.add(new BindingChange(existing == null ? Kind.ADDED : Kind.REFRESHED, updated));
        }
    }

    private static Binding newBinding(ContactChange change, RegisterRequest request) {
        return new Binding(
                request.aor(),
                change.contactUri(),
                change.q(),
                request.now().plusSeconds(change.expiresSeconds()),
                request.callId(),
                request.cseq(),
                request.sourceAddress(),
                request.transport(),
                request.userAgent(),
                request.now(),
                change.instanceId(),
                change.regId());
    }
}
