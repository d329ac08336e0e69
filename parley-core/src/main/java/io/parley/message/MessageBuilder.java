package io.parley.message;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Header and body operations shared by {@link SipRequest.Builder} and {@link SipResponse.Builder}.
 * Setters of single-valued headers replace the existing header in place; {@code add} methods append.
 *
 * @param <B> the concrete builder type
 */
public abstract sealed class MessageBuilder<B extends MessageBuilder<B>>
        permits SipRequest.Builder, SipResponse.Builder {

    /** Headers with a typed setter; {@link #header(HeaderName, String)} rejects them. */
    private static final Set<HeaderName> TYPED = Set.of(
            HeaderName.VIA, HeaderName.FROM, HeaderName.TO, HeaderName.CALL_ID, HeaderName.CSEQ,
            HeaderName.MAX_FORWARDS, HeaderName.CONTACT, HeaderName.EXPIRES, HeaderName.MIN_EXPIRES,
            HeaderName.CONTENT_TYPE, HeaderName.CONTENT_LENGTH, HeaderName.ROUTE, HeaderName.RECORD_ROUTE,
            HeaderName.ALLOW, HeaderName.SUPPORTED, HeaderName.REQUIRE, HeaderName.PROXY_REQUIRE,
            HeaderName.UNSUPPORTED, HeaderName.WARNING, HeaderName.RETRY_AFTER, HeaderName.WWW_AUTHENTICATE,
            HeaderName.PROXY_AUTHENTICATE, HeaderName.AUTHORIZATION, HeaderName.PROXY_AUTHORIZATION,
            HeaderName.AUTHENTICATION_INFO);

    final List<Header> headers;
    byte[] body = new byte[0];

    MessageBuilder(List<Header> headers, byte[] body) {
        this.headers = new ArrayList<>(headers);
        this.body = body.clone();
    }

    abstract B self();

    /** Appends a header without a typed form, such as Subject or an extension header. */
    public B header(HeaderName name, String value) {
        requireUntyped(name);
        headers.add(Header.of(name, value));
        return self();
    }

    /** Appends a header that is already built, typed or not. */
    public B header(Header header) {
        headers.add(Objects.requireNonNull(header, "header"));
        return self();
    }

    /** Replaces every header of this name by one header without a typed form. */
    public B setHeader(HeaderName name, String value) {
        requireUntyped(name);
        return replace(Header.of(name, value));
    }

    /** Removes every header of this name. */
    public B removeHeader(HeaderName name) {
        headers.removeIf(header -> header.name().equals(name));
        return self();
    }

    /** Replaces all Via headers by this one. */
    public B via(Via via) {
        return replace(Header.typed(HeaderName.VIA, via));
    }

    /** Adds a Via on top, as a proxy does when it forwards a request (RFC 3261 section 16.6). */
    public B pushVia(Via via) {
        int index = indexOf(HeaderName.VIA);
        headers.add(index < 0 ? headers.size() : index, Header.typed(HeaderName.VIA, via));
        return self();
    }

    /** Replaces all Via headers by these, top first. */
    public B vias(List<Via> vias) {
        return replaceAll(HeaderName.VIA, vias);
    }

    public B from(NameAddress from) {
        return replace(Header.typed(HeaderName.FROM, from));
    }

    public B to(NameAddress to) {
        return replace(Header.typed(HeaderName.TO, to));
    }

    /** Sets the tag of the To header (RFC 3261 section 8.2.6.2); call after {@link #to}. */
    public B toTag(String tag) {
        int index = indexOf(HeaderName.TO);
        if (index < 0) {
            throw new IllegalStateException("set To before its tag");
        }
        NameAddress to = headers.get(index).parsedAs(NameAddress.class).orElseThrow();
        return replace(Header.typed(HeaderName.TO, to.withTag(tag)));
    }

    public B callId(String callId) {
        if (!SipChars.isCallId(callId)) {
            throw new IllegalArgumentException("Call-ID '" + callId + "' is not word or word@word; use letters, "
                    + "digits and -.!%*_+`'~()<>:\\\"/[]?{}");
        }
        return replace(Header.typed(HeaderName.CALL_ID, callId));
    }

    public B cseq(CSeq cseq) {
        return replace(Header.typed(HeaderName.CSEQ, cseq));
    }

    /** Sets Max-Forwards, 0 to 255 (RFC 3261 section 20.22). */
    public B maxForwards(int hops) {
        if (hops < 0 || hops > 255) {
            throw new IllegalArgumentException("Max-Forwards " + hops + " is out of range; use 0-255");
        }
        return replace(Header.typed(HeaderName.MAX_FORWARDS, hops));
    }

    /** Replaces all Contact headers by this one. */
    public B contact(Contact contact) {
        return replace(Header.typed(HeaderName.CONTACT, contact));
    }

    /** Replaces all Contact headers by these. */
    public B contacts(List<Contact> contacts) {
        return replaceAll(HeaderName.CONTACT, contacts);
    }

    public B expires(long seconds) {
        return replace(Header.typed(HeaderName.EXPIRES, checkedSeconds(seconds)));
    }

    public B minExpires(long seconds) {
        return replace(Header.typed(HeaderName.MIN_EXPIRES, checkedSeconds(seconds)));
    }

    /** Replaces all Route headers by these, first hop first. */
    public B routes(List<NameAddress> routes) {
        return replaceAll(HeaderName.ROUTE, routes);
    }

    /** Replaces all Record-Route headers by these. */
    public B recordRoutes(List<NameAddress> recordRoutes) {
        return replaceAll(HeaderName.RECORD_ROUTE, recordRoutes);
    }

    public B allow(List<Method> methods) {
        return replace(Header.typed(HeaderName.ALLOW, List.copyOf(methods)));
    }

    public B supported(List<String> optionTags) {
        return replace(Header.typed(HeaderName.SUPPORTED, checkedOptionTags(HeaderName.SUPPORTED, optionTags)));
    }

    public B require(List<String> optionTags) {
        return replace(Header.typed(HeaderName.REQUIRE, checkedOptionTags(HeaderName.REQUIRE, optionTags)));
    }

    public B proxyRequire(List<String> optionTags) {
        return replace(Header.typed(HeaderName.PROXY_REQUIRE, checkedOptionTags(HeaderName.PROXY_REQUIRE, optionTags)));
    }

    public B unsupported(List<String> optionTags) {
        return replace(Header.typed(HeaderName.UNSUPPORTED, checkedOptionTags(HeaderName.UNSUPPORTED, optionTags)));
    }

    public B userAgent(String text) {
        return replace(Header.of(HeaderName.USER_AGENT, text));
    }

    public B server(String text) {
        return replace(Header.of(HeaderName.SERVER, text));
    }

    /** Appends a Warning header with this value. */
    public B addWarning(Warning warning) {
        headers.add(Header.typed(HeaderName.WARNING, List.of(warning)));
        return self();
    }

    public B retryAfter(RetryAfter retryAfter) {
        return replace(Header.typed(HeaderName.RETRY_AFTER, retryAfter));
    }

    /** Sets the Date text, which RFC 3261 section 20.17 wants as an RFC 1123 date in GMT. */
    public B date(String text) {
        return replace(Header.of(HeaderName.DATE, text));
    }

    /** Appends a WWW-Authenticate challenge; a 401 may carry several. */
    public B addWwwAuthenticate(AuthValue challenge) {
        headers.add(Header.typed(HeaderName.WWW_AUTHENTICATE, challenge));
        return self();
    }

    /** Appends a Proxy-Authenticate challenge; a 407 may carry several. */
    public B addProxyAuthenticate(AuthValue challenge) {
        headers.add(Header.typed(HeaderName.PROXY_AUTHENTICATE, challenge));
        return self();
    }

    /** Replaces all Authorization headers by these credentials. */
    public B authorization(AuthValue credentials) {
        return replace(Header.typed(HeaderName.AUTHORIZATION, credentials));
    }

    /** Replaces all Proxy-Authorization headers by these credentials. */
    public B proxyAuthorization(AuthValue credentials) {
        return replace(Header.typed(HeaderName.PROXY_AUTHORIZATION, credentials));
    }

    public B authenticationInfo(AuthValue info) {
        return replace(Header.typed(HeaderName.AUTHENTICATION_INFO, info));
    }

    /** Sets the body and its Content-Type; {@code build()} sets Content-Length. */
    public B body(ContentType contentType, byte[] content) {
        replace(Header.typed(HeaderName.CONTENT_TYPE, contentType));
        this.body = content.clone();
        return self();
    }

    /** Removes the body and its Content-Type. */
    public B noBody() {
        removeHeader(HeaderName.CONTENT_TYPE);
        this.body = new byte[0];
        return self();
    }

    /** Sets Content-Length to the body length and returns the headers to build with. */
    List<Header> finishHeaders() {
        replace(Header.typed(HeaderName.CONTENT_LENGTH, (long) body.length));
        return List.copyOf(headers);
    }

    /** Returns the names of mandatory headers that are missing, for {@code build()} errors. */
    List<String> missing(HeaderName... mandatory) {
        List<String> missing = new ArrayList<>();
        for (HeaderName name : mandatory) {
            if (indexOf(name) < 0) {
                missing.add(name.name());
            }
        }
        return missing;
    }

    Object parsedValue(HeaderName name) {
        int index = indexOf(name);
        return index < 0 ? null : headers.get(index).parsedAs(Object.class).orElse(null);
    }

    private B replace(Header header) {
        int index = indexOf(header.name());
        if (index < 0) {
            headers.add(header);
            return self();
        }
        headers.set(index, header);
        for (int i = headers.size() - 1; i > index; i--) {
            if (headers.get(i).name().equals(header.name())) {
                headers.remove(i);
            }
        }
        return self();
    }

    private B replaceAll(HeaderName name, List<?> values) {
        int index = indexOf(name);
        removeHeader(name);
        int position = index < 0 ? headers.size() : index;
        for (Object value : values) {
            headers.add(position++, Header.typed(name, value));
        }
        return self();
    }

    private int indexOf(HeaderName name) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    private static Long checkedSeconds(long seconds) {
        if (seconds < 0 || seconds > CSeq.MAX_SEQUENCE) {
            throw new IllegalArgumentException(seconds + " seconds is out of range; use 0 to 2^32-1");
        }
        return seconds;
    }

    /** option-tag = token (RFC 3261 section 25.1); an empty list writes an empty header. */
    private static List<String> checkedOptionTags(HeaderName name, List<String> optionTags) {
        for (String tag : optionTags) {
            if (!SipChars.isToken(tag)) {
                throw new IllegalArgumentException(name + " option tag '" + tag
                        + "' is not a token; use letters, digits and -.!%*_+`'~, one tag per list element");
            }
        }
        return List.copyOf(optionTags);
    }

    private static void requireUntyped(HeaderName name) {
        if (TYPED.contains(name)) {
            throw new IllegalArgumentException(name + " has a typed form; use its typed builder method");
        }
    }

    static String missingMessage(String kind, List<String> missing) {
        return kind + " lacks mandatory headers " + String.join(", ", missing) + " (RFC 3261 section 8.1.1)";
    }

    static byte[] copy(byte[] bytes) {
        return Arrays.copyOf(bytes, bytes.length);
    }
}
