package io.parley.parser;

import io.parley.message.Uri;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Entry points of the SIP parser. Parsing never throws on bad input. It returns
 * {@link MessageParseResult.Rejected} with the status code a server responds with.
 */
public final class SipParser {

    private SipParser() {
    }

    /**
     * Parses one UDP datagram with the default limits (RFC 3261 section 18.3 framing). The message
     * keeps a reference to {@code datagram} instead of a copy, so the caller must not change the
     * array afterwards; use {@link #parseDatagram(byte[], int, int, ParserLimits)} for a buffer that
     * is reused.
     */
    public static MessageParseResult parseDatagram(byte[] datagram) {
        return parseDatagram(datagram, HeaderChecks.ALL);
    }

    /**
     * Parses one UDP datagram like {@link #parseDatagram(byte[])}, checking the headers that
     * {@code checks} names now and the others when they are read.
     */
    public static MessageParseResult parseDatagram(byte[] datagram, HeaderChecks checks) {
        Objects.requireNonNull(checks, "checks");
        if (datagram.length > ParserLimits.DEFAULTS.maxMessageSize()) {
            return tooLarge(ParserLimits.DEFAULTS);
        }
        return MessageParser.parseOwned(datagram, true, ParserLimits.DEFAULTS, checks);
    }

    /**
     * Parses one datagram held in {@code bytes[offset, offset + length)}. A missing Content-Length
     * means the rest of the datagram; bytes after the declared body are ignored. The input is copied,
     * so the caller may reuse its buffer.
     */
    public static MessageParseResult parseDatagram(byte[] bytes, int offset, int length, ParserLimits limits) {
        return parseDatagram(bytes, offset, length, limits, HeaderChecks.ALL);
    }

    /**
     * Parses one datagram like {@link #parseDatagram(byte[], int, int, ParserLimits)}, checking the
     * headers that {@code checks} names now and the others when they are read.
     */
    public static MessageParseResult parseDatagram(byte[] bytes, int offset, int length, ParserLimits limits,
            HeaderChecks checks) {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(checks, "checks");
        if (length > limits.maxMessageSize()) {
            return tooLarge(limits);
        }
        return MessageParser.parse(bytes, offset, length, true, limits, checks);
    }

    private static MessageParseResult tooLarge(ParserLimits limits) {
        return new MessageParseResult.Rejected(new ParseError(513, "", limits.maxMessageSize(),
                "message larger than " + limits.maxMessageSize() + " bytes", false));
    }

    /** Parses a URI such as {@code sip:alice@example.com;transport=tcp}, {@code tel:+1-201-555-0123} or any absolute URI. */
    public static ParseResult<Uri> parseUri(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ValueReader reader = new ValueReader(bytes, 0, bytes.length);
        Uri uri = UriParser.readUri(reader, bytes.length);
        if (uri == null) {
            return new ParseResult.Malformed<>(reader.errorOffset(), reader.errorReason(), excerpt(text, reader.errorOffset()));
        }
        return new ParseResult.Parsed<>(uri, bytes.length);
    }

    static String excerpt(String text, int offset) {
        if (offset >= text.length()) {
            return "end of input";
        }
        int end = Math.min(text.length(), offset + 20);
        return "'" + text.substring(offset, end) + (end < text.length() ? "...'" : "'");
    }
}
