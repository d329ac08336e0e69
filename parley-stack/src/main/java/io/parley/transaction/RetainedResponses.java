package io.parley.transaction;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The final responses of completed non-INVITE server transactions over UDP, kept as bytes until
 * Timer J ends so that a retransmitted request gets the same response again (RFC 3261 section
 * 17.2.2). A registrar under load completes tens of thousands of such transactions per second and
 * must keep each for 32 s. Kept as objects, they would be hundreds of thousands of small live
 * objects that every garbage collection copies or marks. Here they cost no object at all:
 * each entry is a record appended to large byte arrays, found through a hash table of primitive
 * arrays.
 *
 * <p>All entries live for the same duration, so they expire in the order they were added: the
 * oldest records are dropped from the front of the log, and a chunk is released once every record
 * in it has expired. Not thread-safe: every call runs on the transaction layer's thread.
 */
final class RetainedResponses {

    private static final int CHUNK_BITS = 18;
    /** Size of one chunk of the log. A power of two, so a log position splits into chunk index and offset. */
    static final int CHUNK_SIZE = 1 << CHUNK_BITS;
    /** Record header: total length (int), deadline (long), key length (int). */
    private static final int HEADER_SIZE = 16;
    private static final int INITIAL_CAPACITY = 1 << 10;
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    /** The chunks in log order, as a ring of {@link #chunkCount} entries from {@link #firstChunk}. */
    private byte[][] chunks = new byte[4][];
    private int firstChunk;
    private int chunkCount;
    /** Log position of the first byte of the first chunk. */
    private long firstChunkStart;
    /** Log position of the oldest record that has not expired. */
    private long head;
    /** Log position where the next record goes. */
    private long tail;

    /** Hash table with linear probing: the log position plus one of each entry, or 0 for an empty slot. */
    private long[] positions = new long[INITIAL_CAPACITY];
    private int[] hashes = new int[INITIAL_CAPACITY];
    private int size;

    /** The encoded key of the last {@link #put}, {@link #find} or {@link #remove} call. */
    private byte[] scratch = new byte[128];
    private int scratchLength;

    /** Returns the number of responses kept. */
    int size() {
        return size;
    }

    /**
     * Keeps {@code response} for {@code key} until {@code deadline}, which must not be earlier than
     * the deadline of any entry already kept. Returns false, keeping nothing, when the record would
     * not fit in one chunk.
     */
    boolean put(TransactionKey key, byte[] response, long deadline) {
        encode(key);
        int length = HEADER_SIZE + scratchLength + response.length;
        if (length > CHUNK_SIZE) {
            return false;
        }
        int hash = hash(scratch, 0, scratchLength);
        int existing = slotOf(hash);
        if (existing >= 0) {
            clearSlot(existing);
        }
        long position = reserve(length);
        byte[] chunk = chunkAt(position);
        int offset = offsetOf(position);
        writeInt(chunk, offset, length);
        writeLong(chunk, offset + 4, deadline);
        writeInt(chunk, offset + 12, scratchLength);
        System.arraycopy(scratch, 0, chunk, offset + HEADER_SIZE, scratchLength);
        System.arraycopy(response, 0, chunk, offset + HEADER_SIZE + scratchLength, response.length);
        insert(hash, position);
        return true;
    }

    /** Returns a copy of the response kept for {@code key}, or null when none is kept. */
    byte[] find(TransactionKey key) {
        encode(key);
        int slot = slotOf(hash(scratch, 0, scratchLength));
        if (slot < 0) {
            return null;
        }
        long position = positions[slot] - 1;
        byte[] chunk = chunkAt(position);
        int offset = offsetOf(position);
        int length = readInt(chunk, offset);
        int keyLength = readInt(chunk, offset + 12);
        int start = offset + HEADER_SIZE + keyLength;
        byte[] response = new byte[length - HEADER_SIZE - keyLength];
        System.arraycopy(chunk, start, response, 0, response.length);
        return response;
    }

    /** Forgets the response kept for {@code key}. Its bytes stay in the log until they expire. */
    void remove(TransactionKey key) {
        encode(key);
        int slot = slotOf(hash(scratch, 0, scratchLength));
        if (slot >= 0) {
            clearSlot(slot);
        }
    }

    /** Returns the deadline of the oldest record, or {@link Long#MAX_VALUE} when the log is empty. */
    long nextDeadline() {
        skipChunkEnd();
        return head == tail ? Long.MAX_VALUE : readLong(chunkAt(head), offsetOf(head) + 4);
    }

    /** Drops every record whose deadline is not after {@code now}, and the chunks they leave empty. */
    void expire(long now) {
        while (true) {
            skipChunkEnd();
            if (head == tail) {
                break;
            }
            byte[] chunk = chunkAt(head);
            int offset = offsetOf(head);
            if (readLong(chunk, offset + 4) - now > 0) {
                break;
            }
            int keyLength = readInt(chunk, offset + 12);
            int slot = findSlot(hash(chunk, offset + HEADER_SIZE, keyLength), head + 1);
            if (slot >= 0) {
                clearSlot(slot);
            }
            head += readInt(chunk, offset);
        }
        releaseChunks();
    }

    /** Returns the log position of a new record of {@code length} bytes, starting a new chunk when needed. */
    private long reserve(int length) {
        long chunksEnd = firstChunkStart + ((long) chunkCount << CHUNK_BITS);
        if (tail + length > chunksEnd) {
            if (tail < chunksEnd && chunksEnd - tail >= 4) {
                // The rest of this chunk stays unused, and a zero length marks it so.
                writeInt(chunkAt(tail), offsetOf(tail), 0);
            }
            tail = chunksEnd;
            addChunk();
        }
        long position = tail;
        tail += length;
        return position;
    }

    private void addChunk() {
        if (chunkCount == chunks.length) {
            byte[][] larger = new byte[chunks.length * 2][];
            for (int i = 0; i < chunkCount; i++) {
                larger[i] = chunks[(firstChunk + i) & (chunks.length - 1)];
            }
            chunks = larger;
            firstChunk = 0;
        }
        chunks[(firstChunk + chunkCount) & (chunks.length - 1)] = new byte[CHUNK_SIZE];
        chunkCount++;
    }

    /** Moves {@link #head} past the unused end of its chunk. */
    private void skipChunkEnd() {
        if (head == tail) {
            return;
        }
        int offset = offsetOf(head);
        if (CHUNK_SIZE - offset < 4 || readInt(chunkAt(head), offset) == 0) {
            head += CHUNK_SIZE - offset;
        }
    }

    /** Releases the chunks before {@link #head}, and every chunk once the log is empty. */
    private void releaseChunks() {
        if (head == tail) {
            Arrays.fill(chunks, null);
            firstChunk = 0;
            chunkCount = 0;
            long next = (tail + CHUNK_SIZE - 1) & -CHUNK_SIZE;
            head = next;
            tail = next;
            firstChunkStart = next;
            return;
        }
        while (firstChunkStart + CHUNK_SIZE <= head) {
            chunks[firstChunk] = null;
            firstChunk = (firstChunk + 1) & (chunks.length - 1);
            chunkCount--;
            firstChunkStart += CHUNK_SIZE;
        }
    }

    private byte[] chunkAt(long position) {
        int index = (int) ((position - firstChunkStart) >>> CHUNK_BITS);
        return chunks[(firstChunk + index) & (chunks.length - 1)];
    }

    private static int offsetOf(long position) {
        return (int) (position & (CHUNK_SIZE - 1));
    }

    /** Returns the slot whose record has the key in {@link #scratch}, or -1. */
    private int slotOf(int hash) {
        int mask = positions.length - 1;
        for (int slot = hash & mask; positions[slot] != 0; slot = (slot + 1) & mask) {
            if (hashes[slot] == hash && keyEquals(positions[slot] - 1)) {
                return slot;
            }
        }
        return -1;
    }

    /** Returns the slot that contains {@code storedPosition}, or -1. */
    private int findSlot(int hash, long storedPosition) {
        int mask = positions.length - 1;
        for (int slot = hash & mask; positions[slot] != 0; slot = (slot + 1) & mask) {
            if (positions[slot] == storedPosition) {
                return slot;
            }
        }
        return -1;
    }

    private boolean keyEquals(long position) {
        byte[] chunk = chunkAt(position);
        int offset = offsetOf(position);
        if (readInt(chunk, offset + 12) != scratchLength) {
            return false;
        }
        return Arrays.equals(chunk, offset + HEADER_SIZE, offset + HEADER_SIZE + scratchLength,
                scratch, 0, scratchLength);
    }

    private void insert(int hash, long position) {
        if ((size + 1) * 2 > positions.length) {
            grow();
        }
        int slot = emptySlot(hash);
        positions[slot] = position + 1;
        hashes[slot] = hash;
        size++;
    }

    /** Returns the first empty slot of the probe run that starts at {@code hash}'s home slot. */
    private int emptySlot(int hash) {
        int mask = positions.length - 1;
        int slot = hash & mask;
        while (positions[slot] != 0) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        long[] oldPositions = positions;
        int[] oldHashes = hashes;
        positions = new long[oldPositions.length * 2];
        hashes = new int[oldPositions.length * 2];
        for (int i = 0; i < oldPositions.length; i++) {
            if (oldPositions[i] != 0) {
                int slot = emptySlot(oldHashes[i]);
                positions[slot] = oldPositions[i];
                hashes[slot] = oldHashes[i];
            }
        }
    }

    /** Empties {@code slot} and moves later entries of its probe run back, so that lookups still find them. */
    private void clearSlot(int slot) {
        int mask = positions.length - 1;
        int gap = slot;
        for (int next = (gap + 1) & mask; positions[next] != 0; next = (next + 1) & mask) {
            int home = hashes[next] & mask;
            // The entry may fill the gap when its home slot is not after the gap in probe order.
            if (((next - home) & mask) >= ((next - gap) & mask)) {
                positions[gap] = positions[next];
                hashes[gap] = hashes[next];
                gap = next;
            }
        }
        positions[gap] = 0;
        hashes[gap] = 0;
        size--;
    }

    /**
     * Encodes the key into {@link #scratch}: the method, the sent-by port, the sent-by host and the
     * branch, each string as its length and its characters (one byte below 0x80, else 0xFF and two
     * bytes), so that two keys encode alike only when they are equal.
     */
    private void encode(TransactionKey key) {
        scratchLength = 0;
        appendString(key.method().name());
        appendInt(key.sentByPort());
        appendString(key.sentByHost());
        appendString(key.branch());
    }

    private void appendString(String text) {
        appendInt(text.length());
        ensureScratch(text.length() * 3);
        byte[] out = scratch;
        int n = scratchLength;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else {
                out[n++] = (byte) 0xFF;
                out[n++] = (byte) (c >>> 8);
                out[n++] = (byte) c;
            }
        }
        scratchLength = n;
    }

    private void appendInt(int value) {
        ensureScratch(4);
        writeInt(scratch, scratchLength, value);
        scratchLength += 4;
    }

    private void ensureScratch(int more) {
        if (scratchLength + more > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, scratchLength + more));
        }
    }

    private static int hash(byte[] bytes, int from, int length) {
        long h = 0xCBF2_9CE4_8422_2325L;
        for (int i = from; i < from + length; i++) {
            h = (h ^ (bytes[i] & 0xFF)) * 0x0000_0100_0000_01B3L;
        }
        h ^= h >>> 29;
        h *= 0xBF58_476D_1CE4_E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    private static void writeInt(byte[] bytes, int offset, int value) {
        INTS.set(bytes, offset, value);
    }

    private static int readInt(byte[] bytes, int offset) {
        return (int) INTS.get(bytes, offset);
    }

    private static void writeLong(byte[] bytes, int offset, long value) {
        LONGS.set(bytes, offset, value);
    }

    private static long readLong(byte[] bytes, int offset) {
        return (long) LONGS.get(bytes, offset);
    }
}
