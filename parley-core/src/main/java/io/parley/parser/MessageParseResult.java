package io.parley.parser;

import io.parley.message.SipMessage;

/** Outcome of parsing one SIP message. Bad input is {@link Rejected}, never an exception. */
public sealed interface MessageParseResult {

    /**
     * A complete, well-formed message.
     *
     * @param message the message
     * @param consumed the input bytes it used; for a datagram this includes leading CRLFs and excludes
     *     ignored trailing bytes
     */
    record Parsed(SipMessage message, int consumed) implements MessageParseResult {}

    /** The input ends before the message is complete; a stream may still complete it. */
    record NeedMoreData() implements MessageParseResult {}

    /** The input is not a well-formed message. */
    record Rejected(ParseError error) implements MessageParseResult {}
}
