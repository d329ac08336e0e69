package io.parley.parser;

/**
 * Size limits the parser enforces, so that hostile input ends in a parse error rather than an
 * {@link OutOfMemoryError} or a long scan. Every scan stops at one of these or at the end of the input.
 *
 * @param maxMessageSize maximum message size, headers and body, in bytes. Default 65,535, the
 *     maximum length a UDP header can state, so every datagram fits; larger stream messages are rejected
 * @param maxHeaderSectionSize maximum size of the start line plus header section in bytes. Default
 *     16,384, an estimate of several times a large INVITE with many Via and Route headers
 * @param maxLineLength maximum size of the start line or of one header field with its folded lines,
 *     in bytes. Default 8,192, close to Apache httpd's default LimitRequestFieldSize of 8,190
 * @param maxHeaderCount maximum number of header values, counting each value of a comma list.
 *     Default 256, far above the few dozen a real message carries
 * @param maxUriLength maximum Request-URI length in bytes; a longer one is answered with 414.
 *     Default 4,096, the same order as common HTTP request-line limits
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
        // The header section is part of the message; StreamFramer relies on this to bound its buffer.
        if (maxHeaderSectionSize > maxMessageSize) {
            throw new IllegalArgumentException("maxHeaderSectionSize " + maxHeaderSectionSize
                    + " is larger than maxMessageSize " + maxMessageSize + "; lower it or raise maxMessageSize");
        }
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    /**
     * Returns {@code start + length}, or {@code limit} when that is smaller, without the int overflow
     * that a limit near {@link Integer#MAX_VALUE} would cause in the sum.
     */
    static int end(int start, int length, int limit) {
        return limit - start > length ? start + length : limit;
    }
}
