package io.parley.message;

import java.util.Objects;

/**
 * The CSeq value (RFC 3261 section 20.16): a sequence number below 2^31 when chosen by us, up to
 * 2^32-1 when received, and the request method.
 *
 * @param sequence the sequence number, 0 to 2^32-1
 * @param method the method of the request
 */
public record CSeq(long sequence, Method method) {

    /** The largest sequence number RFC 3261 section 8.1.1.5 allows, 2^32-1. */
    public static final long MAX_SEQUENCE = 0xFFFF_FFFFL;

    public CSeq {
        Objects.requireNonNull(method, "method");
        if (sequence < 0 || sequence > MAX_SEQUENCE) {
            throw new IllegalArgumentException("CSeq number " + sequence + " is out of range; use 0 to 2^32-1");
        }
    }

    /** Returns the CSeq of the next request in the same dialog. */
    public CSeq next(Method nextMethod) {
        return new CSeq(sequence + 1, nextMethod);
    }

    /** Returns the wire form, such as {@code 1 REGISTER}. */
    public String format() {
        return sequence + " " + method.name();
    }

    /** Writes the UTF-8 bytes of {@link #format()} to {@code out}. */
    void writeTo(ByteSink out) {
        out.writeDecimal(sequence);
        out.write(' ');
        out.write(method.name());
    }

    @Override
    public String toString() {
        return format();
    }
}
