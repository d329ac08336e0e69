package io.parley.interop;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A SIP response as a test reads it: status, reason phrase and header values by name compared
 * without case. Compact header forms are not expanded, because the peers here send full names.
 */
record SipResponse(int status, String reason, Map<String, List<String>> headers, String text) {

    /** Parses the status line and headers of {@code text}; the body is ignored. */
    static SipResponse parse(String text) {
        String[] lines = text.split("\r\n", -1);
        String[] statusLine = lines[0].split(" ", 3);
        if (statusLine.length < 2 || !statusLine[0].equals("SIP/2.0")) {
            throw new IllegalArgumentException("not a SIP response, status line is '" + lines[0] + "'");
        }

        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length && !lines[i].isEmpty(); i++) {
            int colon = lines[i].indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("header line without a colon: '" + lines[i] + "'");
            }
            String name = lines[i].substring(0, colon).trim();
            headers.computeIfAbsent(name, key -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
        }
        String reason = statusLine.length == 3 ? statusLine[2] : "";
        return new SipResponse(Integer.parseInt(statusLine[1]), reason, headers, text);
    }

    /** Returns the first value of header {@code name}, if present. */
    Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Returns the Digest challenge of the WWW-Authenticate header, or fails. */
    DigestChallenge challenge() {
        String value = header("WWW-Authenticate").orElseThrow(() ->
                new AssertionError("no WWW-Authenticate header in:\n" + text));
        return DigestChallenge.parse(value);
    }

    @Override
    public String toString() {
        return status + " " + reason + " (" + headers.keySet().stream()
                .map(name -> name.toLowerCase(Locale.ROOT)).toList() + ")";
    }
}
