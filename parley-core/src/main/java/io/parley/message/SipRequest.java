package io.parley.message;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An immutable SIP request. Create one with {@link #builder} or change a copy with {@link #toBuilder}. */
public final class SipRequest implements SipMessage {

    private final Method method;
    private final Uri requestUri;
    private final List<Header> headers;
    /** The body is {@code body[bodyOffset, body.length)}; a parsed message shares its received bytes. */
    private final byte[] body;
    private final int bodyOffset;
    private final byte[] raw;
    /** The first positions of the core headers once an accessor has asked; 0 until then (see {@link HeaderIndex}). */
    private long headerIndex;

    private SipRequest(Method method, Uri requestUri, List<Header> headers, byte[] body, int bodyOffset, byte[] raw) {
        this.method = method;
        this.requestUri = requestUri;
        this.headers = headers;
        this.body = body;
        this.bodyOffset = bodyOffset;
        this.raw = raw;
    }

    /**
     * Creates a parsed request without checks beyond those the parser made. For the parser:
     * {@code raw} are the bytes the request came from, its body is {@code raw[bodyOffset,
     * raw.length)}, and neither the array nor the unmodifiable {@code headers} list is copied.
     */
    public static SipRequest parsed(Method method, Uri requestUri, List<Header> headers, byte[] raw, int bodyOffset) {
        Objects.checkIndex(bodyOffset, raw.length + 1);
        // Sealing first lets the final field that stores the list publish the seal to every thread.
        long index = headers instanceof HeaderList list ? list.seal() : 0;
        SipRequest request = new SipRequest(Objects.requireNonNull(method), Objects.requireNonNull(requestUri),
                Objects.requireNonNull(headers), raw, bodyOffset, raw);
        request.headerIndex = index;
        return request;
    }

    /** Starts a request with this method and Request-URI. */
    public static Builder builder(Method method, Uri requestUri) {
        return new Builder(method, requestUri, List.of(), new byte[0]);
    }

    public Method method() {
        return method;
    }

    public Uri requestUri() {
        return requestUri;
    }

    @Override
    public List<Header> headers() {
        return headers;
    }

    @Override
    public byte[] body() {
        return Arrays.copyOfRange(body, bodyOffset, body.length);
    }

    /** Returns the array whose bytes from {@link #bodyOffset()} to its end are the body, for {@link MessageWriter}, which only reads it. */
    byte[] bodySource() {
        return body;
    }

    int bodyOffset() {
        return bodyOffset;
    }

    /** Returns the index of the first header named {@code name}, {@link HeaderIndex#ABSENT} or {@link HeaderIndex#UNKNOWN}. */
    int firstIndexOf(HeaderName name) {
        long lanes = headerIndex;
        if (lanes == 0) {
            lanes = HeaderIndex.of(headers);
            headerIndex = lanes;
        }
        return HeaderIndex.find(lanes, name);
    }

    @Override
    public int bodyLength() {
        return body.length - bodyOffset;
    }

    @Override
    public Optional<byte[]> rawBytes() {
        return raw == null ? Optional.empty() : Optional.of(raw.clone());
    }

    /**
     * Returns a copy whose top Via is {@code via}, as a transport records where a request came from
     * (RFC 3261 section 18.2.1). Unlike a {@link #toBuilder} copy, nothing else is checked or rebuilt:
     * the other headers and the body are shared. The copy has no raw bytes.
     *
     * @throws IllegalArgumentException if the request has no Via
     */
    public SipRequest withTopVia(Via via) {
        Objects.requireNonNull(via, "via");
        Header[] copy = headers.toArray(new Header[0]);
        for (int i = 0; i < copy.length; i++) {
            if (copy[i].name().equals(HeaderName.VIA)) {
                copy[i] = Header.typed(HeaderName.VIA, via);
                return new SipRequest(method, requestUri, List.of(copy), body, bodyOffset, null);
            }
        }
        throw new IllegalArgumentException("the request has no Via to replace");
    }

    /** Returns a builder holding a copy of this request; the copy has no raw bytes. */
    public Builder toBuilder() {
        return new Builder(method, requestUri, headers, body());
    }

    /**
     * Builds the CANCEL for this request (RFC 3261 section 9.1): same Request-URI, Call-ID, From, To,
     * CSeq number and Route, and only the top Via.
     */
    public SipRequest cancel() {
        Builder cancel = builder(Method.CANCEL, requestUri)
                .via(topVia().orElseThrow(() -> new IllegalStateException("request has no Via")))
                .from(from()).to(to()).callId(callId())
                .cseq(new CSeq(cseq().sequence(), Method.CANCEL))
                .maxForwards(70)
                .routes(routes());
        return cancel.build();
    }

    /**
     * Builds the ACK for a non-2xx final response to this INVITE (RFC 3261 section 17.1.1.3): the
     * To of the response, the top Via and Route of this request, the CSeq number with method ACK.
     */
    public SipRequest ackFor(SipResponse response) {
        if (response.statusCode() < 300) {
            throw new IllegalArgumentException("ACK for a " + response.statusCode()
                    + " response is a new transaction; build it in the dialog layer");
        }
        return builder(Method.ACK, requestUri)
                .via(topVia().orElseThrow(() -> new IllegalStateException("request has no Via")))
                .from(from()).to(response.to()).callId(callId())
                .cseq(new CSeq(cseq().sequence(), Method.ACK))
                .maxForwards(70)
                .routes(routes())
                .build();
    }

    /** Requests are equal when method, Request-URI, headers and body are; raw bytes do not count. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SipRequest that && method.equals(that.method)
                && requestUri.equals(that.requestUri) && headers.equals(that.headers)
                && Arrays.equals(body, bodyOffset, body.length, that.body, that.bodyOffset, that.body.length);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, requestUri, headers, Arrays.hashCode(body()));
    }

    /** Returns the request line, such as {@code INVITE sip:bob@example.com SIP/2.0}. */
    @Override
    public String toString() {
        return method + " " + requestUri.format() + " " + SIP_VERSION;
    }

    /** Builder of requests; {@link #build} checks the mandatory headers of RFC 3261 section 8.1.1. */
    public static final class Builder extends MessageBuilder<Builder> {

        private Method method;
        private Uri requestUri;

        Builder(Method method, Uri requestUri, List<Header> headers, byte[] body) {
            super(headers, body);
            this.method = Objects.requireNonNull(method, "method");
            this.requestUri = Objects.requireNonNull(requestUri, "requestUri");
        }

        @Override
        Builder self() {
            return this;
        }

        public Builder method(Method newMethod) {
            this.method = Objects.requireNonNull(newMethod, "method");
            return this;
        }

        public Builder requestUri(Uri uri) {
            this.requestUri = Objects.requireNonNull(uri, "requestUri");
            return this;
        }

        /**
         * Builds the request.
         *
         * @throws IllegalStateException if To, From, CSeq, Call-ID, Max-Forwards or Via is missing,
         *     or the CSeq method differs from the request method
         */
        public SipRequest build() {
            List<String> missing = missing(HeaderName.TO, HeaderName.FROM, HeaderName.CSEQ,
                    HeaderName.CALL_ID, HeaderName.MAX_FORWARDS, HeaderName.VIA);
            if (!missing.isEmpty()) {
                throw new IllegalStateException(missingMessage(method + " request", missing));
            }
            CSeq cseq = (CSeq) parsedValue(HeaderName.CSEQ);
            if (!cseq.method().equals(method)) {
                throw new IllegalStateException("CSeq method " + cseq.method() + " differs from request method "
                        + method + " (RFC 3261 section 8.1.1.5)");
            }
            return new SipRequest(method, requestUri, finishHeaders(), copy(body), 0, null);
        }
    }
}
