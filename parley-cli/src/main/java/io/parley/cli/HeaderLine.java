package io.parley.cli;

import java.util.List;
import java.util.Optional;

/** Splits a pasted authentication header line into name and value; a bare value has no name. */
final class HeaderLine {

    private static final List<String> AUTH_HEADER_NAMES = List.of(
            "WWW-Authenticate", "Proxy-Authenticate", "Authorization", "Proxy-Authorization");

    private HeaderLine() {
    }

    /** Returns the header name when {@code line} starts with one of the four authentication headers. */
    static Optional<String> name(String line) {
        int colon = line.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String candidate = line.substring(0, colon).trim();
        return AUTH_HEADER_NAMES.stream().filter(candidate::equalsIgnoreCase).findFirst();
    }

    /** Returns the value of {@code line}: after the header name and colon, or all of it. */
    static String value(String line) {
        return name(line).isPresent() ? line.substring(line.indexOf(':') + 1).trim() : line.trim();
    }
}
