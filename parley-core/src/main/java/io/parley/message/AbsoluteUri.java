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

    /**
     * Characters the parser reads in an absolute URI besides alphanumerics (hier-part / opaque-part,
     * loosely). A '%' is kept without checking that two hex digits follow, as the parser does.
     */
    private static final boolean[] ABSOLUTE_URI = SipChars.table("-_.!~*'();/?:@&=+$,%[]#");

    public AbsoluteUri {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(schemeSpecificPart, "schemeSpecificPart");
        if (!SipChars.isScheme(scheme)) {
            throw new IllegalArgumentException("URI scheme '" + scheme + "' is not ALPHA *( ALPHA / DIGIT / \"+\" / \"-\" / \".\" )");
        }
        if (schemeSpecificPart.isEmpty() || SipChars.indexOfOutside(schemeSpecificPart, ABSOLUTE_URI) >= 0) {
            throw new IllegalArgumentException("URI '" + scheme + ":" + schemeSpecificPart + "' is empty after the scheme "
                    + "or has whitespace, '<', '>', '\"' or another character that must be %-escaped");
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
