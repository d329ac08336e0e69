package io.parley.auth;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The quality of protection values of RFC 7616 section 3.3. */
public enum Qop {
    /** Authentication only: A2 is {@code method:uri}. */
    AUTH("auth"),
    /** Authentication with integrity: A2 is {@code method:uri:H(body)}. */
    AUTH_INT("auth-int");

    private final String token;

    Qop(String token) {
        this.token = token;
    }

    /** Returns the token as written on the wire. */
    public String token() {
        return token;
    }

    /** Looks up one qop token, compared without case and ignoring surrounding whitespace. */
    public static Optional<Qop> fromToken(String value) {
        String trimmed = value.trim();
        for (Qop qop : values()) {
            if (qop.token.equalsIgnoreCase(trimmed)) {
                return Optional.of(qop);
            }
        }
        return Optional.empty();
    }

    /**
     * Reads a challenge's comma-separated qop list, such as {@code " auth-int , auth "}. Unknown
     * tokens are skipped, as RFC 7616 section 3.3 reserves them for extensions.
     */
    public static Set<Qop> parseOptions(String list) {
        Set<Qop> options = EnumSet.noneOf(Qop.class);
        int start = 0;
        while (start <= list.length()) {
            int comma = list.indexOf(',', start);
            int end = comma < 0 ? list.length() : comma;
            fromToken(list.substring(start, end)).ifPresent(options::add);
            start = end + 1;
        }
        return options;
    }
}
