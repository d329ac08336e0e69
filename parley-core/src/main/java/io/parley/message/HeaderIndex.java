package io.parley.message;

import java.util.List;

/**
 * The position of the first Via, From, To, Call-ID, CSeq, Contact, Content-Length and
 * Max-Forwards header of a message, packed into one long with eight bits per name, so that the
 * typed accessors of {@link SipMessage} need not search the header list on every call.
 *
 * <p>A lane of 0 or 255 means unknown, so the caller searches; 1 means absent; 2 to 254 is the
 * index plus 2. A message stores the long in a plain field: a torn read on a JVM that splits long
 * writes only turns lanes into 0, which sends the caller back to the search.
 */
final class HeaderIndex {

    /** Returned by {@link #find} when the caller must search the headers. */
    static final int UNKNOWN = -2;
    /** Returned by {@link #find} when the message has no header of the name. */
    static final int ABSENT = -1;

    private static final HeaderName[] NAMES = {
        HeaderName.VIA, HeaderName.FROM, HeaderName.TO, HeaderName.CALL_ID, HeaderName.CSEQ, HeaderName.CONTACT,
        HeaderName.CONTENT_LENGTH, HeaderName.MAX_FORWARDS
    };
    private static final int ABSENT_LANE = 1;
    private static final int UNKNOWN_LANE = 255;
    /** Every lane absent: the value for a message without headers, and the start of {@link #record}. */
    static final long NONE_SEEN = 0x0101_0101_0101_0101L;

    static {
        for (int lane = 0; lane < NAMES.length; lane++) {
            NAMES[lane].indexLanePlusOne = lane + 1;
        }
    }

    private HeaderIndex() {
    }

    /** Returns the packed first positions of the indexed names in {@code headers}; never 0. */
    static long of(List<Header> headers) {
        long lanes = NONE_SEEN;
        for (int i = 0; i < headers.size(); i++) {
            int lane = laneOf(headers.get(i).name());
            if (lane >= 0 && !seen(lanes, lane)) {
                lanes = record(lanes, lane, i);
            }
        }
        return lanes;
    }

    /** Returns whether {@code lanes} already holds a position, or the search mark, for {@code lane}. */
    static boolean seen(long lanes, int lane) {
        return laneValue(lanes, lane) != ABSENT_LANE;
    }

    /** Returns {@code lanes} with {@code position} recorded for {@code lane}, which must not be {@link #seen} yet. */
    static long record(long lanes, int lane, int position) {
        long value = position + 2 < UNKNOWN_LANE ? position + 2 : UNKNOWN_LANE;
        return (lanes & ~(0xFFL << (8 * lane))) | (value << (8 * lane));
    }

    /** Returns the index of the first header named {@code name}, {@link #ABSENT} or {@link #UNKNOWN}. */
    static int find(long lanes, HeaderName name) {
        int lane = laneOf(name);
        if (lane < 0) {
            return UNKNOWN;
        }
        int value = laneValue(lanes, lane);
        if (value == 0 || value == UNKNOWN_LANE) {
            return UNKNOWN;
        }
        return value == ABSENT_LANE ? ABSENT : value - 2;
    }

    private static int laneValue(long lanes, int lane) {
        return (int) (lanes >>> (8 * lane)) & 0xFF;
    }

    /** Returns the lane of {@code name}, or -1 for a name without one. */
    static int laneOf(HeaderName name) {
        return name.indexLanePlusOne - 1;
    }
}
