package io.parley.parser;

/**
 * Outcome of parsing wire input. Bad input is a {@link Malformed} result, never an exception.
 *
 * @param <T> the parsed value type
 */
public sealed interface ParseResult<T> {

    /** A complete value, and the number of input bytes or characters it used. */
    record Parsed<T>(T value, int consumed) implements ParseResult<T> {}

    /** The input ends before the value is complete; more bytes from a stream may complete it. */
    record NeedMoreData<T>() implements ParseResult<T> {}

    /**
     * Input that breaks the grammar.
     *
     * @param offset position of the first bad byte or character, counted from the start of the input
     * @param expected what the grammar allows there, in words
     * @param found what the input has there, shortened for display
     */
    record Malformed<T>(int offset, String expected, String found) implements ParseResult<T> {

        /** Returns a short description fit for a reason phrase, such as {@code expected '=' at 12, found ','}. */
        public String describe() {
            return "expected " + expected + " at " + offset + ", found " + found;
        }
    }
}
