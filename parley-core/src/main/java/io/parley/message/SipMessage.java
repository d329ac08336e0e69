package io.parley.message;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * An immutable SIP request or response: start line, headers in order, and body bytes. Typed
 * accessors read the headers that have a typed form; every other header is available by name.
 *
 * <p>A message parsed with {@code HeaderChecks.CORE}, as the stack parses what it receives, has
 * some headers checked only when first read. Their accessors (Max-Forwards, Expires, Min-Expires,
 * Content-Type, Allow, Supported, Require, Proxy-Require, Unsupported, Warning, Retry-After and the
 * authentication headers) throw {@link MalformedHeaderException} for a malformed value, and a server then responds 400.
 */
public sealed interface SipMessage permits SipRequest, SipResponse {

    /** The only SIP version Parley speaks (RFC 3261 section 7.1). */
    String SIP_VERSION = "SIP/2.0";

    /** Returns the headers in wire order, one entry per value for Via, Contact, Route and Record-Route. */
    List<Header> headers();

    /** Returns a copy of the body bytes, empty when the message has no body. */
    byte[] body();

    /** Returns the body length in bytes. */
    int bodyLength();

    /** Returns a copy of the exact bytes this message was parsed from, empty for a built message. */
    Optional<byte[]> rawBytes();

    /** Returns the canonical wire form (see {@link MessageWriter}). */
    default byte[] toBytes() {
        return MessageWriter.write(this);
    }

    /** Returns the first header with this name. */
    default Optional<Header> header(HeaderName name) {
        for (Header header : headers()) {
            if (header.name().equals(name)) {
                return Optional.of(header);
            }
        }
        return Optional.empty();
    }

    /** Returns every header with this name, in order. */
    default List<Header> headers(HeaderName name) {
        List<Header> result = new ArrayList<>(2);
        for (Header header : headers()) {
            if (header.name().equals(name)) {
                result.add(header);
            }
        }
        return result;
    }

    /** Returns the value as written of the first header with this name. */
    default Optional<String> headerValue(HeaderName name) {
        return header(name).map(Header::value);
    }

    /** Returns the Via values, top first. */
    default List<Via> vias() {
        return parsedValues(HeaderName.VIA, Via.class);
    }

    /** Returns the top Via, which names where the response to a request goes. */
    default Optional<Via> topVia() {
        return parsedValue(HeaderName.VIA, Via.class);
    }

    /** Returns the From value; parsed and built messages always have one. */
    default NameAddress from() {
        return required(HeaderName.FROM, NameAddress.class);
    }

    /** Returns the To value; parsed and built messages always have one. */
    default NameAddress to() {
        return required(HeaderName.TO, NameAddress.class);
    }

    /** Returns the Call-ID; parsed and built messages always have one. */
    default String callId() {
        return required(HeaderName.CALL_ID, String.class);
    }

    /** Returns the CSeq; parsed and built messages always have one. */
    default CSeq cseq() {
        return required(HeaderName.CSEQ, CSeq.class);
    }

    /** Returns Max-Forwards, 0 to 255; absent in RFC 2543 requests and in most responses. */
    default OptionalInt maxForwards() {
        Integer value = firstParsed(HeaderName.MAX_FORWARDS, Integer.class);
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }

    /** Returns the Contact values in order; a wildcard is {@link Contact#WILDCARD}. */
    default List<Contact> contacts() {
        return parsedValues(HeaderName.CONTACT, Contact.class);
    }

    /** Returns Expires in seconds. */
    default OptionalLong expires() {
        return longValue(HeaderName.EXPIRES);
    }

    /** Returns Min-Expires in seconds. */
    default OptionalLong minExpires() {
        return longValue(HeaderName.MIN_EXPIRES);
    }

    /** Returns the declared Content-Length; empty when the header is absent. */
    default OptionalLong contentLength() {
        return longValue(HeaderName.CONTENT_LENGTH);
    }

    /** Returns the Content-Type. */
    default Optional<ContentType> contentType() {
        return parsedValue(HeaderName.CONTENT_TYPE, ContentType.class);
    }

    /** Returns the Route values, first hop first. */
    default List<NameAddress> routes() {
        return parsedValues(HeaderName.ROUTE, NameAddress.class);
    }

    /** Returns the Record-Route values in order. */
    default List<NameAddress> recordRoutes() {
        return parsedValues(HeaderName.RECORD_ROUTE, NameAddress.class);
    }

    /** Returns the methods of every Allow header, in order. */
    default List<Method> allow() {
        return joinedLists(HeaderName.ALLOW, Method.class);
    }

    /** Returns the option tags of every Supported header. */
    default List<String> supported() {
        return joinedLists(HeaderName.SUPPORTED, String.class);
    }

    /** Returns the option tags of every Require header. */
    default List<String> require() {
        return joinedLists(HeaderName.REQUIRE, String.class);
    }

    /** Returns the option tags of every Proxy-Require header. */
    default List<String> proxyRequire() {
        return joinedLists(HeaderName.PROXY_REQUIRE, String.class);
    }

    /** Returns the option tags of every Unsupported header. */
    default List<String> unsupported() {
        return joinedLists(HeaderName.UNSUPPORTED, String.class);
    }

    /** Returns the User-Agent text. */
    default Optional<String> userAgent() {
        return headerValue(HeaderName.USER_AGENT);
    }

    /** Returns the Server text. */
    default Optional<String> server() {
        return headerValue(HeaderName.SERVER);
    }

    /** Returns the Warning values of every Warning header. */
    default List<Warning> warnings() {
        return joinedLists(HeaderName.WARNING, Warning.class);
    }

    /** Returns the Retry-After value. */
    default Optional<RetryAfter> retryAfter() {
        return parsedValue(HeaderName.RETRY_AFTER, RetryAfter.class);
    }

    /** Returns the Date text as written. */
    default Optional<String> date() {
        return headerValue(HeaderName.DATE);
    }

    /**
     * Returns the Date as a time; empty when absent or not an RFC 1123 date in GMT, the only zone
     * RFC 3261 section 25.1 allows.
     */
    default Optional<ZonedDateTime> dateTime() {
        Optional<String> text = date();
        if (text.isEmpty() || !text.get().endsWith(" GMT")) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(text.get(), DateTimeFormatter.RFC_1123_DATE_TIME));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** Returns the WWW-Authenticate challenges in order. */
    default List<AuthValue> wwwAuthenticate() {
        return parsedValues(HeaderName.WWW_AUTHENTICATE, AuthValue.class);
    }

    /** Returns the Proxy-Authenticate challenges in order. */
    default List<AuthValue> proxyAuthenticate() {
        return parsedValues(HeaderName.PROXY_AUTHENTICATE, AuthValue.class);
    }

    /** Returns the Authorization credentials in order. */
    default List<AuthValue> authorization() {
        return parsedValues(HeaderName.AUTHORIZATION, AuthValue.class);
    }

    /** Returns the Proxy-Authorization credentials in order. */
    default List<AuthValue> proxyAuthorization() {
        return parsedValues(HeaderName.PROXY_AUTHORIZATION, AuthValue.class);
    }

    /** Returns the Authentication-Info parameters (no scheme). */
    default Optional<AuthValue> authenticationInfo() {
        return parsedValue(HeaderName.AUTHENTICATION_INFO, AuthValue.class);
    }

    private <T> Optional<T> parsedValue(HeaderName name, Class<T> type) {
        return Optional.ofNullable(firstParsed(name, type));
    }

    /** Returns the typed value of the first header with this name, or null; allocates nothing. */
    private <T> T firstParsed(HeaderName name, Class<T> type) {
        List<Header> headers = headers();
        int first = firstIndexOf(name);
        if (first == HeaderIndex.ABSENT) {
            return null;
        }
        if (first >= 0) {
            Object value = headers.get(first).parsedValue();
            return type.isInstance(value) ? type.cast(value) : null;
        }
        for (int i = 0; i < headers.size(); i++) {
            Header header = headers.get(i);
            if (header.name().equals(name)) {
                Object value = header.parsedValue();
                return type.isInstance(value) ? type.cast(value) : null;
            }
        }
        return null;
    }

    /** Returns the typed values of every header with this name, in order, as an unmodifiable list. */
    private <T> List<T> parsedValues(HeaderName name, Class<T> type) {
        List<Header> headers = headers();
        int first = firstIndexOf(name);
        if (first == HeaderIndex.ABSENT) {
            return List.of();
        }
        if (first >= 0 && headers instanceof HeaderList list && list.appearsOnce(name)) {
            Object value = headers.get(first).parsedValue();
            return type.isInstance(value) ? List.of(type.cast(value)) : List.of();
        }
        // Most messages carry one value of a list header, so a second value is the rare case.
        T only = null;
        List<T> several = null;
        for (int i = Math.max(first, 0); i < headers.size(); i++) {
            Header header = headers.get(i);
            Object value = header.name().equals(name) ? header.parsedValue() : null;
            if (!type.isInstance(value)) {
                continue;
            }
            if (only == null) {
                only = type.cast(value);
            } else {
                if (several == null) {
                    several = new ArrayList<>(4);
                    several.add(only);
                }
                several.add(type.cast(value));
            }
        }
        if (several != null) {
            return Collections.unmodifiableList(several);
        }
        return only == null ? List.of() : List.of(only);
    }

    private <T> List<T> joinedLists(HeaderName name, Class<T> type) {
        List<T> result = new ArrayList<>(4);
        for (Header header : headers()) {
            if (!header.name().equals(name)) {
                continue;
            }
            for (Object item : header.parsedAs(List.class).orElse(List.of())) {
                if (type.isInstance(item)) {
                    result.add(type.cast(item));
                }
            }
        }
        return result;
    }

    /** Returns the index of the first header named {@code name}, {@link HeaderIndex#ABSENT} or {@link HeaderIndex#UNKNOWN}. */
    private int firstIndexOf(HeaderName name) {
        return switch (this) {
            case SipRequest request -> request.firstIndexOf(name);
            case SipResponse response -> response.firstIndexOf(name);
        };
    }

    private OptionalLong longValue(HeaderName name) {
        Long value = firstParsed(name, Long.class);
        return value == null ? OptionalLong.empty() : OptionalLong.of(value);
    }

    private <T> T required(HeaderName name, Class<T> type) {
        T value = firstParsed(name, type);
        if (value == null) {
            throw new IllegalStateException("message has no " + name + " header");
        }
        return value;
    }
}
