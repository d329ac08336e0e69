package io.parley.ua;

/** Receives the events of a {@link RegistrationClient}, on the client's scheduler thread. */
@FunctionalInterface
public interface RegistrationListener {

    /** Handles one event; must not block, because the client waits for it. */
    void onEvent(RegistrationEvent event);
}
