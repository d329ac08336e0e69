package io.parley.ua;

import io.parley.message.Header;
import io.parley.message.HeaderName;
import io.parley.message.MalformedHeaderException;
import io.parley.message.SipResponse;
import io.parley.message.Warning;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Turns a failure response into a {@link RegistrationFailure} with its status line, Warning and Reason. */
final class ResponseDiagnosis {

    /** The Reason header of RFC 3326, which registrars add to explain a refusal. */
    static final HeaderName REASON = HeaderName.of("Reason");

    private ResponseDiagnosis() {
    }

    /** Returns a failure of {@code kind} whose diagnosis starts with {@code summary} and the status line. */
    static RegistrationFailure of(RegistrationFailure.Kind kind, String summary, SipResponse response) {
        List<String> details = details(response);
        StringBuilder diagnosis = new StringBuilder(summary).append(": ").append(statusLine(response));
        for (String detail : details) {
            diagnosis.append("; ").append(detail);
        }
        return new RegistrationFailure(kind, diagnosis.toString(), OptionalInt.of(response.statusCode()), details);
    }

    /** Returns the status code and reason phrase, such as {@code 403 Forbidden}. */
    static String statusLine(SipResponse response) {
        return response.statusCode() + " " + response.reasonPhrase();
    }

    private static List<String> details(SipResponse response) {
        List<String> details = new ArrayList<>();
        try {
            for (Warning warning : response.warnings()) {
                details.add("Warning: " + warning.format());
            }
        } catch (MalformedHeaderException e) {
            // A malformed Warning is still worth showing as received.
            for (Header warning : response.headers(HeaderName.WARNING)) {
                details.add("Warning: " + warning.value());
            }
        }
        for (Header reason : response.headers(REASON)) {
            details.add("Reason: " + reason.value());
        }
        return details;
    }
}
