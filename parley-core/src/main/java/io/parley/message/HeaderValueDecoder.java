package io.parley.message;

/**
 * Decodes the typed value of a header from its text when first asked for. The parser supplies one
 * for headers it has checked but not yet decoded, so that values no caller reads are never decoded.
 */
@FunctionalInterface
public interface HeaderValueDecoder {

    /** Returns the typed value of {@code text}, or null when it has none. */
    Object decode(HeaderName name, String text);
}
