package io.parley.message;

import java.util.AbstractList;
import java.util.Arrays;
import java.util.Objects;
import java.util.RandomAccess;

/**
 * The header list a parser fills, one {@link Header} at a time, and hands to a parsed message. It
 * records where the first Via, From, To, Call-ID, CSeq, Contact, Content-Length and Max-Forwards
 * are while headers are appended, so that the typed accessors of a parsed message never search
 * for them. A message that takes the list seals it: from then on it is read-only, and
 * {@link #append} throws.
 */
public final class HeaderList extends AbstractList<Header> implements RandomAccess {

    private Header[] elements = new Header[16];
    private int size;
    private long index = HeaderIndex.NONE_SEEN;
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
        index = HeaderIndex.record(index, header.name(), size);
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

    /** Makes the list read-only and returns the first positions of the indexed names (see {@link HeaderIndex}). */
    long seal() {
        sealed = true;
        return index;
    }
}
