package io.parley.message;

/**
 * Decodes the typed value of a header from its text when first asked for. The parser supplies one
 * for headers whose values it has not yet decoded, checked or not, so that values no caller reads
 * are never decoded.
 */
@FunctionalInterface
public interface HeaderValueDecoder {

    /**
     * Returns the typed value of {@code text}, or null when it has none.
     *
     * @throws MalformedHeaderException if {@code text} is malformed, with the offset counted in
     *     bytes from the start of the value, of its UTF-8 form or of the received bytes
     */
    Object decode(HeaderName name, String text);
}
