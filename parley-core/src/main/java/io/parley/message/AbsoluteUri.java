package io.parley.message;

import java.util.Locale;
import java.util.Objects;

/**
 * A URI of a scheme Parley does not interpret (RFC 3261 section 25.1 {@code absoluteURI}), kept as
 * opaque text so that a message carrying it still parses (RFC 4475 section 3.3.2).
 *
 * @param scheme the scheme as written
 * @param schemeSpecificPart everything after the first ':'
 */
public record AbsoluteUri(String scheme, String schemeSpecificPart) implements Uri {

    public AbsoluteUri {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(schemeSpecificPart, "schemeSpecificPart");
        if (scheme.isEmpty()) {
            throw new IllegalArgumentException("URI scheme is empty");
        }
    }

    @Override
    public String scheme() {
        return scheme.toLowerCase(Locale.ROOT);
    }

    @Override
    public String format() {
        return scheme + ":" + schemeSpecificPart;
    }

    @Override
    public String toString() {
        return format();
    }
}
