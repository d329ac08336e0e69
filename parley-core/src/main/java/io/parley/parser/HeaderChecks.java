package io.parley.parser;

/** Choice of the typed headers that the parser checks during the parse, leaving the others to be checked when read. */
public enum HeaderChecks {

    /**
     * Checks every header that has a typed form, so that any malformed one rejects the message.
     * For tools that report on a whole message, such as {@code parley parse}, and the default of
     * the parser's entry points that take no {@code HeaderChecks}.
     */
    ALL,

    /**
     * Checks the start line, the framing, the header count and repeats, and the headers that
     * transactions, dialogs and routing use on receipt: Via, From, To, Call-ID, CSeq, Contact,
     * Route, Record-Route and Content-Length. The other typed headers (Max-Forwards, Expires,
     * Min-Expires, Content-Type, Allow, Supported, Require, Proxy-Require, Unsupported, Warning,
     * Retry-After and the five authentication headers) are checked when their typed value is first
     * read, which throws {@link io.parley.message.MalformedHeaderException} for a malformed one. A
     * proxy reads Max-Forwards when it forwards (RFC 3261 section 16.3, step 3).
     * RFC 3261 section 16.3 recommends that an element ignore malformed components it does not use.
     * The stack parses what it receives this way.
     */
    CORE
}
