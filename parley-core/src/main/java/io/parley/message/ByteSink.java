package io.parley.message;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that {@link MessageWriter} writes a message into. Text is written as UTF-8
 * exactly as {@link String#getBytes(java.nio.charset.Charset)} encodes it, so that writing the parts
 * of a value one by one gives the bytes of encoding the whole formatted value at once, as long as
 * no part ends with a high surrogate that the next part's low surrogate would complete.
 */
final class ByteSink {

    /** The largest array a reused sink keeps between messages. A larger one is dropped after its message. */
    static final int MAX_RETAINED_CAPACITY = 64 * 1024;

    private byte[] bytes;
    private int size;
    /** Whether a writer is using this sink, so that a nested write on the same thread takes a new one. */
    private boolean inUse;

    ByteSink(int capacity) {
        bytes = new byte[Math.max(capacity, 16)];
    }

    /** Takes this sink for one message and empties it. Returns false when it is already taken. */
    boolean acquire() {
        if (inUse) {
            return false;
        }
        inUse = true;
        size = 0;
        return true;
    }

    /** Gives the sink back after a message, dropping an array that grew beyond {@link #MAX_RETAINED_CAPACITY}. */
    void release() {
        inUse = false;
        size = 0;
        if (bytes.length > MAX_RETAINED_CAPACITY) {
            bytes = new byte[MAX_RETAINED_CAPACITY];
        }
    }

    int size() {
        return size;
    }

    void write(int b) {
        if (size == bytes.length) {
            grow(1);
        }
        bytes[size++] = (byte) b;
    }

    /** Writes CR LF, the line end of every line of a message. */
    void writeLineEnd() {
        if (bytes.length - size < 2) {
            grow(2);
        }
        bytes[size] = '\r';
        bytes[size + 1] = '\n';
        size += 2;
    }

    /** Returns the bytes written, followed by {@code tail[from, tail.length)}, in one new array. */
    byte[] toByteArray(byte[] tail, int from) {
        byte[] result = Arrays.copyOf(bytes, size + tail.length - from);
        System.arraycopy(tail, from, result, size, tail.length - from);
        return result;
    }

    void write(byte[] source) {
        write(source, 0, source.length);
    }

    /** Writes {@code source[from, to)} unchanged. */
    void write(byte[] source, int from, int to) {
        int length = to - from;
        if (length > bytes.length - size) {
            grow(length);
        }
        System.arraycopy(source, from, bytes, size, length);
        size += length;
    }

    /** Writes {@code text} as UTF-8. */
    void write(String text) {
        int length = text.length();
        if (length > bytes.length - size) {
            grow(length);
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                size -= i;
                write(text.getBytes(StandardCharsets.UTF_8));
                return;
            }
            bytes[size++] = (byte) c;
        }
    }

    /**
     * Writes {@code source[from, to)} decoded as ISO-8859-1 and encoded as UTF-8, the bytes of
     * {@link WireText#ascii} encoded. An ASCII range is copied unchanged.
     */
    void writeLatin1(byte[] source, int from, int to) {
        int asciiEnd = Utf8.asciiPrefixEnd(source, from, to);
        write(source, from, asciiEnd);
        for (int i = asciiEnd; i < to; i++) {
            byte b = source[i];
            if (b < 0) {
                write(0xC0 | ((b & 0xFF) >> 6));
                write(0x80 | (b & 0x3F));
            } else {
                write(b);
            }
        }
    }

    /**
     * Writes {@code source[from, to)} decoded as UTF-8 and encoded again: a well-formed range is
     * copied unchanged, and a malformed one is written with U+FFFD in place of each malformed
     * sequence, as decoding it to a String does.
     */
    void writeUtf8(byte[] source, int from, int to) {
        int mark = size;
        write(source, from, to);
        repairUtf8(mark);
    }

    /**
     * Replaces the bytes written since {@code mark} by the UTF-8 encoding of their decoded text when
     * they are not well-formed UTF-8, so that they equal what a String round trip makes of them.
     */
    void repairUtf8(int mark) {
        if (Utf8.isWellFormed(bytes, mark, size)) {
            return;
        }
        String decoded = new String(bytes, mark, size - mark, StandardCharsets.UTF_8);
        size = mark;
        write(decoded.getBytes(StandardCharsets.UTF_8));
    }

    /** Writes {@code value} in decimal, as {@link Long#toString(long)} does. */
    void writeDecimal(long value) {
        if (value < 0) {
            write(Long.toString(value));
            return;
        }
        int digits = 1;
        for (long rest = value / 10; rest != 0; rest /= 10) {
            digits++;
        }
        if (digits > bytes.length - size) {
            grow(digits);
        }
        long rest = value;
        for (int i = size + digits - 1; i >= size; i--) {
            bytes[i] = (byte) ('0' + (int) (rest % 10));
            rest /= 10;
        }
        size += digits;
    }

    /** Returns a copy of the written bytes. */
    byte[] toByteArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void grow(int needed) {
        int capacity = Math.max(bytes.length * 2, size + needed);
        bytes = Arrays.copyOf(bytes, capacity);
    }
}
