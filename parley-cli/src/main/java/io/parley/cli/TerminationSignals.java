package io.parley.cli;

import sun.misc.Signal;

/** Delivers SIGINT (Ctrl-C) and SIGTERM to {@code parley register} so it can unregister before exiting. */
@FunctionalInterface
interface TerminationSignals {

    /**
     * Calls {@code handler} on every SIGINT and SIGTERM instead of ending the JVM. Uses
     * {@code sun.misc.Signal} from the jdk.unsupported module, the only way to handle a signal
     * without a shutdown hook, where unregistering could not delay the exit status.
     */
    TerminationSignals PROCESS = handler -> {
        Signal.handle(new Signal("INT"), signal -> handler.run());
        Signal.handle(new Signal("TERM"), signal -> handler.run());
    };

    /** Installs {@code handler} for termination requests. */
    void install(Runnable handler);
}
