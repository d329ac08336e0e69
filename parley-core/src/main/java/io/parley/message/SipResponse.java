package io.parley.message;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An immutable SIP response. Create one with {@link #forRequest} or {@link #builder}. */
public final class SipResponse implements SipMessage {

    /** The headers a response copies from its request, in this order (RFC 3261 section 8.2.6.2). */
    private static final List<HeaderName> COPIED_FROM_REQUEST = List.of(HeaderName.VIA, HeaderName.FROM, HeaderName.TO,
            HeaderName.CALL_ID, HeaderName.CSEQ);

    private final int statusCode;
    private final String reasonPhrase;
    private final List<Header> headers;
    /** The body is {@code body[bodyOffset, body.length)}; a parsed message shares its received bytes. */
    private final byte[] body;
    private final int bodyOffset;
    private final byte[] raw;
    /** The first positions of the core headers once an accessor has asked; 0 until then (see {@link HeaderIndex}). */
    private long headerIndex;

    private SipResponse(int statusCode, String reasonPhrase, List<Header> headers, byte[] body, int bodyOffset,
            byte[] raw) {
        this.statusCode = statusCode;
        this.reasonPhrase = reasonPhrase;
        this.headers = headers;
        this.body = body;
        this.bodyOffset = bodyOffset;
        this.raw = raw;
    }

    /**
     * Creates a parsed response without checks beyond those the parser made. For the parser:
     * {@code raw} are the bytes the response came from, its body is {@code raw[bodyOffset,
     * raw.length)}, and neither the array nor the unmodifiable {@code headers} list is copied.
     */
    public static SipResponse parsed(int statusCode, String reasonPhrase, List<Header> headers, byte[] raw,
            int bodyOffset) {
        Objects.checkIndex(bodyOffset, raw.length + 1);
        // Sealing first lets the final field that stores the list publish the seal to every thread.
        long index = headers instanceof HeaderList list ? list.seal() : 0;
        SipResponse response = new SipResponse(statusCode, Objects.requireNonNull(reasonPhrase),
                Objects.requireNonNull(headers), raw, bodyOffset, raw);
        response.headerIndex = index;
        return response;
    }

    /** Starts a response with this status code and its default reason phrase. */
    public static Builder builder(int statusCode) {
        return new Builder(statusCode, StatusCodes.reasonPhrase(statusCode), List.of(), new byte[0]);
    }

    /**
     * Starts a response to {@code request} with the Via, From, To, Call-ID and CSeq copied from it
     * (RFC 3261 section 8.2.6.2). Add a To tag with {@link Builder#toTag} where that section requires one.
     */
    public static Builder forRequest(SipRequest request, int statusCode) {
        Builder builder = builder(statusCode);
        // The request's own header objects are reused, so a received value is not formatted again.
        for (HeaderName name : COPIED_FROM_REQUEST) {
            for (Header header : request.headers()) {
                if (header.name().equals(name)) {
                    builder.header(header);
                }
            }
        }
        if (statusCode == 100) {
            request.header(HeaderName.TIMESTAMP).ifPresent(builder::header);
        }
        return builder;
    }

    public int statusCode() {
        return statusCode;
    }

    public String reasonPhrase() {
        return reasonPhrase;
    }

    /** Returns whether the status is 100-199. */
    public boolean isProvisional() {
        return statusCode < 200;
    }

    /** Returns whether the status is 200-299. */
    public boolean isSuccess() {
        return statusCode >= 200 && statusCode < 300;
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

    /** Returns a builder holding a copy of this response; the copy has no raw bytes. */
    public Builder toBuilder() {
        return new Builder(statusCode, reasonPhrase, headers, body());
    }

    /** Responses are equal when status, reason phrase, headers and body are; raw bytes do not count. */
    @Override
    public boolean equals(Object other) {
        return other instanceof SipResponse that && statusCode == that.statusCode
                && reasonPhrase.equals(that.reasonPhrase) && headers.equals(that.headers)
                && Arrays.equals(body, bodyOffset, body.length, that.body, that.bodyOffset, that.body.length);
    }

    @Override
    public int hashCode() {
        return Objects.hash(statusCode, reasonPhrase, headers, Arrays.hashCode(body()));
    }

    /** Returns the status line, such as {@code SIP/2.0 200 OK}. */
    @Override
    public String toString() {
        return SIP_VERSION + " " + statusCode + " " + reasonPhrase;
    }

    /** Builder of responses; {@link #build} checks that Via, From, To, Call-ID and CSeq are present. */
    public static final class Builder extends MessageBuilder<Builder> {

        private int statusCode;
        private String reasonPhrase;

        Builder(int statusCode, String reasonPhrase, List<Header> headers, byte[] body) {
            super(headers, body);
            status(statusCode);
            this.reasonPhrase = Objects.requireNonNull(reasonPhrase, "reasonPhrase");
        }

        @Override
        Builder self() {
            return this;
        }

        /** Sets the status code, 100 to 699, and its default reason phrase. */
        public Builder status(int code) {
            if (code < 100 || code > 699) {
                throw new IllegalArgumentException("status code " + code + " is out of range; use 100-699");
            }
            this.statusCode = code;
            this.reasonPhrase = StatusCodes.reasonPhrase(code);
            return this;
        }

        public Builder reasonPhrase(String phrase) {
            int control = SipChars.indexOfControl(phrase);
            if (control >= 0) {
                throw new IllegalArgumentException("reason phrase '" + phrase + "' has control character "
                        + String.format("0x%02X", (int) phrase.charAt(control)) + " at index " + control
                        + "; only HT is allowed");
            }
            this.reasonPhrase = phrase;
            return this;
        }

        /**
         * Builds the response.
         *
         * @throws IllegalStateException if Via, From, To, Call-ID or CSeq is missing
         */
        public SipResponse build() {
            List<String> missing = missing(HeaderName.VIA, HeaderName.FROM, HeaderName.TO, HeaderName.CALL_ID,
                    HeaderName.CSEQ);
            if (!missing.isEmpty()) {
                throw new IllegalStateException(missingMessage(statusCode + " response", missing));
            }
            return new SipResponse(statusCode, reasonPhrase, finishHeaders(), copy(body), 0, null);
        }
    }
}
