package io.parley.location;

import java.util.Objects;

/**
 * A change that a store call made to one binding, so that the registrar can log it.
 *
 * @param kind what happened to the binding
 * @param binding the binding after the change, or before it for {@link Kind#REMOVED} and {@link Kind#EXPIRED}
 */
public record BindingChange(Kind kind, Binding binding) {

    public BindingChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(binding, "binding");
    }

    /** The kinds of change. */
    public enum Kind {
        /** A new contact was bound. */
        ADDED,
        /** An existing binding got a new expiry or other values. */
        REFRESHED,
        /** A binding was removed by expires 0 or {@code Contact: *}. */
        REMOVED,
        /** A binding was removed because its expiry had passed. */
        EXPIRED
    }
}
