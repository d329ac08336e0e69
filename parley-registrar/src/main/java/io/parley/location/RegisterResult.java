package io.parley.location;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** The outcome of {@link LocationStore#register}: either every change was committed, or none was. */
public sealed interface RegisterResult {

    /**
     * Every change was committed before the call returned.
     *
     * @param bindings the current bindings of the AOR after the request, none of them expired
     * @param changes what the request changed, including bindings found expired on the way
     * @param now the time of the request, against which {@link #remainingSeconds} counts
     */
    record Applied(List<Binding> bindings, List<BindingChange> changes, Instant now) implements RegisterResult {
        public Applied {
            bindings = List.copyOf(bindings);
            changes = List.copyOf(changes);
            Objects.requireNonNull(now, "now");
        }

        /** Returns the seconds left on {@code binding}, for the expires parameter of the 200 response. */
        public long remainingSeconds(Binding binding) {
            return binding.remainingSeconds(now);
        }
    }

    /**
     * Nothing was changed because a binding already has the request's Call-ID with a CSeq equal to or
     * higher than the request's (RFC 3261 section 10.3 steps 6 and 7: the update is aborted and the
     * request fails).
     *
     * @param contactUri the contact of the binding that blocked the request
     * @param storedCseq the CSeq stored with that binding
     * @param requestCseq the CSeq of the request
     */
    record OutOfOrder(String contactUri, long storedCseq, long requestCseq) implements RegisterResult {}

    /**
     * Nothing was changed because the request would raise the number of bindings above the limit.
     *
     * @param maxBindings the limit of the request
     * @param requestedBindings how many bindings the AOR would have had
     */
    record TooManyBindings(int maxBindings, int requestedBindings) implements RegisterResult {}
}
