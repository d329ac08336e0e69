package io.parley.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.ua.RegistrationEvent;
import io.parley.ua.RegistrationEvent.ChallengeSummary;
import io.parley.ua.RegistrationFailure;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Prints registration events: one concise line per step, or with {@code --json} one JSON object per
 * line. With {@code --trace}, every message on the wire is printed too, masked by {@link MaskedTrace}.
 */
final class RegistrationPrinter {

    private final PrintWriter out;
    private final boolean json;
    private final boolean trace;
    private final ObjectMapper mapper = new ObjectMapper();

    RegistrationPrinter(PrintWriter out, boolean json, boolean trace) {
        this.out = out;
        this.json = json;
        this.trace = trace;
    }

    /** Prints one event; called on the registration thread. */
    synchronized void print(RegistrationEvent event) {
        if (json) {
            Map<String, Object> object = toJson(event);
            if (object != null) {
                out.println(write(object));
            }
        } else {
            String line = toText(event);
            if (line != null) {
                out.println(line);
            }
        }
        out.flush();
    }

    /** Prints the outcome of {@code --once}: expiry, contact and the challenge met. */
    synchronized void printOutcome(RegistrationEvent.Registered registered) {
        if (json) {
            return;
        }
        out.println("outcome: registered for " + registered.expiresSeconds() + " s, contact "
                + registered.contact().format() + ", challenge "
                + registered.challenge().map(RegistrationPrinter::describe).orElse("none"));
        out.flush();
    }

    /** Prints a message sent or received when {@code --trace} is on, masked by {@link MaskedTrace}. */
    synchronized void trace(boolean sent, SipMessage message, String flow) {
        if (!trace) {
            return;
        }
        if (json) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("event", "message");
            object.put("direction", sent ? "sent" : "received");
            object.put("flow", flow);
            object.put("message", MaskedTrace.format(message));
            out.println(write(object));
        } else {
            out.println((sent ? "--> sent " : "<-- received ") + flow);
            out.print(MaskedTrace.format(message));
            out.println();
        }
        out.flush();
    }

    /** Prints a note that is not an event, such as the signal that stops the registration. */
    synchronized void note(String text) {
        if (json) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("event", "note");
            object.put("text", text);
            out.println(write(object));
        } else {
            out.println(text);
        }
        out.flush();
    }

    private String toText(RegistrationEvent event) {
        return switch (event) {
            case RegistrationEvent.RequestSent sent -> describeSent(sent);
            case RegistrationEvent.ResponseReceived received -> null;
            case RegistrationEvent.Challenged challenged -> "challenged with " + challenged.statusCode() + ": "
                    + describe(challenged.challenge());
            case RegistrationEvent.Registered registered -> "registered for " + registered.expiresSeconds()
                    + " s as " + registered.contact().format() + "; next refresh in "
                    + secondsText(registered.refreshIn()) + " s";
            case RegistrationEvent.Refreshed refreshed -> "refreshed for " + refreshed.expiresSeconds()
                    + " s; next refresh in " + secondsText(refreshed.refreshIn()) + " s";
            case RegistrationEvent.Failed failed -> describe(failed);
            case RegistrationEvent.Unregistered unregistered -> unregistered.allBindings()
                    ? "unregistered all bindings" : "unregistered";
        };
    }

    private static String describeSent(RegistrationEvent.RequestSent sent) {
        SipRequest request = sent.request();
        StringBuilder line = new StringBuilder("REGISTER sent to ").append(request.requestUri().format())
                .append(" (CSeq ").append(request.cseq().sequence())
                .append(", Expires ").append(request.expires().orElse(0));
        if (!request.authorization().isEmpty() || !request.proxyAuthorization().isEmpty()) {
            line.append(", with credentials");
        }
        sent.retry().ifPresent(status -> line.append(", retry after ").append(status));
        return line.append(')').toString();
    }

    private static String describe(RegistrationEvent.Failed failed) {
        String text = "failed: " + failed.failure().diagnosis();
        return failed.retryIn().map(delay -> text + "; retrying in " + secondsText(delay) + " s").orElse(text);
    }

    private static String describe(ChallengeSummary challenge) {
        return "realm \"" + challenge.realm() + "\", algorithm " + challenge.algorithm() + ", qop "
                + challenge.qop().orElse("none (RFC 2069)");
    }

    private Map<String, Object> toJson(RegistrationEvent event) {
        Map<String, Object> object = new LinkedHashMap<>();
        switch (event) {
            case RegistrationEvent.RequestSent sent -> {
                object.put("event", "request-sent");
                object.put("purpose", sent.purpose().name().toLowerCase(Locale.ROOT));
                object.put("cseq", sent.request().cseq().sequence());
                object.put("expires", sent.request().expires().orElse(0));
                object.put("retryAfterStatus", sent.retry().orElse(null));
            }
            case RegistrationEvent.ResponseReceived received -> {
                return null;
            }
            case RegistrationEvent.Challenged challenged -> {
                object.put("event", "challenged");
                object.put("status", challenged.statusCode());
                putChallenge(object, challenged.challenge());
            }
            case RegistrationEvent.Registered registered -> {
                object.put("event", "registered");
                object.put("expires", registered.expiresSeconds());
                object.put("contact", registered.contact().format());
                object.put("refreshIn", seconds(registered.refreshIn()));
                registered.challenge().ifPresent(challenge -> {
                    Map<String, Object> met = new LinkedHashMap<>();
                    putChallenge(met, challenge);
                    object.put("challenge", met);
                });
            }
            case RegistrationEvent.Refreshed refreshed -> {
                object.put("event", "refreshed");
                object.put("expires", refreshed.expiresSeconds());
                object.put("refreshIn", seconds(refreshed.refreshIn()));
            }
            case RegistrationEvent.Failed failed -> putFailure(object, failed.failure(), failed.retryIn());
            case RegistrationEvent.Unregistered unregistered -> {
                object.put("event", "unregistered");
                object.put("allBindings", unregistered.allBindings());
            }
        }
        return object;
    }

    private static void putChallenge(Map<String, Object> object, ChallengeSummary challenge) {
        object.put("realm", challenge.realm());
        object.put("algorithm", challenge.algorithm());
        object.put("qop", challenge.qop().orElse(null));
    }

    private static void putFailure(Map<String, Object> object, RegistrationFailure failure, Optional<Duration> retryIn) {
        object.put("event", "failed");
        object.put("kind", failure.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        object.put("diagnosis", failure.diagnosis());
        object.put("status", failure.statusCode().isPresent() ? failure.statusCode().getAsInt() : null);
        object.put("details", failure.details());
        object.put("retryIn", retryIn.map(RegistrationPrinter::seconds).orElse(null));
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    private static String secondsText(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? Long.toString(millis / 1000) : String.format(Locale.ROOT, "%.1f", millis / 1000.0);
    }

    private String write(Map<String, Object> object) {
        try {
            return mapper.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write event as JSON: " + object.keySet(), e);
        }
    }
}
