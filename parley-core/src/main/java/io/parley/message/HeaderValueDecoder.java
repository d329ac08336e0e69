package io.parley.message;

/**
 * Decodes the typed value of a header from its text when first asked for. The parser supplies one
 * for headers whose values it has not yet decoded, checked or not, so that values no caller reads
 * are never decoded.
 */
@FunctionalInterface
public interface HeaderValueDecoder {

    /**
     * Returns the typed value of a header, or null when it has none. {@code text} is the value with
     * line folding replaced by a space, and {@code source[from, to)} the same value as received.
     *
     * @throws MalformedHeaderException if the value is malformed, with the offset of the first bad
     *     byte in {@code source}
     */
    Object decode(HeaderName name, String text, byte[] source, int from, int to);
}
