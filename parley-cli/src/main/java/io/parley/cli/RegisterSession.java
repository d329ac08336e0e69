package io.parley.cli;

import io.parley.auth.ClientPolicy;
import io.parley.auth.CredentialsProvider;
import io.parley.auth.DigestClient;
import io.parley.auth.DigestCredentials;
import io.parley.ua.ExecutorTaskScheduler;
import io.parley.ua.RegistrationClient;
import io.parley.ua.RegistrationConfig;
import io.parley.ua.RegistrationEvent;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One run of {@code parley register}: registers, waits for the outcome or a signal, unregisters. */
final class RegisterSession {

    /**
     * How long stopping may take: an unregister that is challenged needs two transactions, each
     * ending after at most Timer F, 32 s with the default T1 of 500 ms (RFC 3261 section 17.1.2.2).
     */
    private static final long STOP_TIMEOUT_SECONDS = 70;

    /** Put in the queue when a termination signal arrives. */
    private static final Object TERMINATE = new Object();

    private final RegistrationConfig config;
    private final String username;
    private final String password;
    private final RegistrarChannels channels;
    private final RegistrarChannels.Settings settings;
    private final RegistrationPrinter printer;
    private final boolean once;
    private final TerminationSignals signals;
    private final BlockingQueue<Object> outcomes = new LinkedBlockingQueue<>();
    private boolean stoppedBeforeRegistering;

    RegisterSession(RegistrationConfig config, String username, String password, RegistrarChannels channels,
            RegistrarChannels.Settings settings, RegistrationPrinter printer, boolean once, TerminationSignals signals) {
        this.config = config;
        this.username = username;
        this.password = password;
        this.channels = channels;
        this.settings = settings;
        this.printer = printer;
        this.once = once;
        this.signals = signals;
    }

    /** Runs the registration and returns the exit status. */
    int run() throws RegisterCommand.NetworkException {
        DigestClient digest = new DigestClient(
                CredentialsProvider.forAnyRealm(new DigestCredentials(username, password)), ClientPolicy.DEFAULT,
                new SecureRandom());
        try (RegistrarChannels.OpenChannel channel = open();
                ExecutorTaskScheduler scheduler = new ExecutorTaskScheduler("parley-register")) {
            RegistrationClient client = new RegistrationClient(config, channel, digest, scheduler, event -> {
                printer.print(once ? withoutRetry(event) : event);
                outcomes.add(event);
            });
            signals.install(() -> outcomes.add(TERMINATE));
            client.start();
            int status = awaitOutcome();
            stop(client);
            return stoppedBeforeRegistering ? statusAfterEarlyStop(status) : status;
        }
    }

    /** Drops the retry delay from a failure, because with --once the first failure ends the command. */
    private static RegistrationEvent withoutRetry(RegistrationEvent event) {
        if (event instanceof RegistrationEvent.Failed failed && failed.retryIn().isPresent()) {
            return new RegistrationEvent.Failed(failed.failure(), Optional.empty());
        }
        return event;
    }

    private RegistrarChannels.OpenChannel open() throws RegisterCommand.NetworkException {
        try {
            return channels.open(settings, printer::trace);
        } catch (IOException e) {
            throw new RegisterCommand.NetworkException("opening a " + settings.transport().toLowerCase(Locale.ROOT)
                    + " channel to " + settings.registrar() + " failed: " + e.getMessage());
        }
    }

    /** Waits for the event that decides the exit status, or for a signal. */
    private int awaitOutcome() {
        boolean registered = false;
        boolean failingTransiently = false;
        while (true) {
            Object next = take();
            if (next == TERMINATE) {
                printer.note("stopping: unregistering " + config.addressOfRecord().format());
                stoppedBeforeRegistering = !registered;
                return registered || !failingTransiently ? RegisterCommand.EXIT_REGISTERED : RegisterCommand.EXIT_NETWORK;
            }
            switch (next) {
                case RegistrationEvent.Registered event -> {
                    registered = true;
                    failingTransiently = false;
                    if (once) {
                        printer.printOutcome(event);
                        return RegisterCommand.EXIT_REGISTERED;
                    }
                }
                case RegistrationEvent.Refreshed event -> failingTransiently = false;
                case RegistrationEvent.Failed event -> {
                    boolean giveUp = event.retryIn().isEmpty() || once;
                    if (giveUp) {
                        return event.failure().isTransient() ? RegisterCommand.EXIT_NETWORK : RegisterCommand.EXIT_REFUSED;
                    }
                    failingTransiently = true;
                }
                default -> {
                    // Requests, responses and challenges are progress only.
                }
            }
        }
    }

    /**
     * Returns the exit status of a run stopped by a signal before it registered: the outcome of the
     * REGISTER that was in flight, which the events queued during the stop contain, else {@code status}.
     * NOTE: RegistrationClient reports no Failed event for a failure response, such as 403, that arrives
     * after the stop began, so such a run still exits 0.
     */
    private int statusAfterEarlyStop(int status) {
        for (Object next : outcomes) {
            if (next instanceof RegistrationEvent.Registered) {
                return RegisterCommand.EXIT_REGISTERED;
            }
            if (next instanceof RegistrationEvent.Failed failed) {
                return failed.failure().isTransient() ? RegisterCommand.EXIT_NETWORK : RegisterCommand.EXIT_REFUSED;
            }
        }
        return status;
    }

    private Object take() {
        try {
            return outcomes.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TERMINATE;
        }
    }

    private void stop(RegistrationClient client) {
        signals.install(() -> printer.note("already stopping; waiting for the unregister to finish"));
        try {
            client.stop().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            printer.note("stopping took longer than " + STOP_TIMEOUT_SECONDS + " s; exiting without waiting further");
        } catch (ExecutionException e) {
            printer.note("stopping failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
