package io.parley.parser;

/**
 * Size limits the parser enforces, so that hostile input ends in a parse error rather than an
 * {@link OutOfMemoryError} or a long scan. Every search in the parser stops at one of these.
 *
 * @param maxMessageSize largest message, headers and body, in bytes. Default 65,535, the largest
 *     UDP payload; a TCP peer sending more is broken or hostile
 * @param maxHeaderSectionSize largest start line plus header section in bytes. Default 16,384,
 *     several times a large INVITE with many Route and Via headers
 * @param maxLineLength largest start line or header field, folded lines included, in bytes.
 *     Default 8,192, as common HTTP servers use for one header line
 * @param maxHeaderCount most header values, counting each value of a comma list. Default 256
 * @param maxUriLength largest URI in bytes. Default 4,096
 */
public record ParserLimits(int maxMessageSize, int maxHeaderSectionSize, int maxLineLength, int maxHeaderCount,
        int maxUriLength) {

    /** The defaults documented on each component. */
    public static final ParserLimits DEFAULTS = new ParserLimits(65_535, 16_384, 8_192, 256, 4_096);

    public ParserLimits {
        requirePositive(maxMessageSize, "maxMessageSize");
        requirePositive(maxHeaderSectionSize, "maxHeaderSectionSize");
        requirePositive(maxLineLength, "maxLineLength");
        requirePositive(maxHeaderCount, "maxHeaderCount");
        requirePositive(maxUriLength, "maxUriLength");
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }
}
