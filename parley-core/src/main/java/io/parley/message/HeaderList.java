package io.parley.message;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The header list a parser fills, one {@link Header} at a time, and hands to a parsed message. It
 * records where the first Via, From, To, Call-ID, CSeq, Contact, Content-Length and Max-Forwards
 * are, and which of them repeat, while headers are appended, so that the typed accessors of a
 * parsed message need not search for them. A message that takes the list seals it: from then on it is read-only, and
 * {@link #append} throws.
 */
public final class HeaderList extends AbstractList<Header> implements RandomAccess {

    private Header[] elements = new Header[16];
    private int size;
    private long index = HeaderIndex.NONE_SEEN;
    /** One bit per {@link HeaderIndex} lane whose name has appeared more than once. */
    private int repeatedLanes;
    private boolean sealed;

    /**
     * Appends a header.
     *
     * @throws IllegalStateException if a message has already taken this list
     */
    public void append(Header header) {
        Objects.requireNonNull(header, "header");
        if (sealed) {
            throw new IllegalStateException("the header list belongs to a message and cannot change");
        }
        if (size == elements.length) {
            elements = Arrays.copyOf(elements, size * 2);
        }
        int lane = HeaderIndex.laneOf(header.name());
        if (lane >= 0 && HeaderIndex.seen(index, lane)) {
            repeatedLanes |= 1 << lane;
        } else if (lane >= 0) {
            index = HeaderIndex.record(index, lane, size);
        }
        elements[size++] = header;
    }

    @Override
    public Header get(int i) {
        Objects.checkIndex(i, size);
        return elements[i];
    }

    @Override
    public int size() {
        return size;
    }

    /** Returns whether {@code name} has a lane and was appended at most once. */
    boolean appearsOnce(HeaderName name) {
        int lane = HeaderIndex.laneOf(name);
        return lane >= 0 && (repeatedLanes & (1 << lane)) == 0;
    }

    /** Makes the list read-only and returns the first positions of the indexed names (see {@link HeaderIndex}). */
    long seal() {
        sealed = true;
        return index;
    }
}
