package io.parley.parser;

import io.parley.message.Method;
import java.nio.charset.StandardCharsets;

/** Finds the {@link Method} constant for method bytes without making a string, as {@link Method#of} does for text. */
final class StandardMethods {

    private static final Method[] METHODS = {
        Method.INVITE, Method.ACK, Method.BYE, Method.CANCEL, Method.REGISTER, Method.OPTIONS, Method.INFO,
        Method.MESSAGE, Method.NOTIFY, Method.PRACK, Method.PUBLISH, Method.REFER, Method.SUBSCRIBE, Method.UPDATE
    };
    private static final byte[][] NAMES = new byte[METHODS.length][];

    static {
        for (int i = 0; i < METHODS.length; i++) {
            NAMES[i] = METHODS[i].name().getBytes(StandardCharsets.US_ASCII);
        }
    }

    private StandardMethods() {
    }

    /** Returns the method named by the token {@code bytes[from, to)}; methods are case-sensitive (RFC 3261 section 7.1). */
    static Method find(byte[] bytes, int from, int to) {
        int length = to - from;
        for (int i = 0; i < NAMES.length; i++) {
            byte[] name = NAMES[i];
            if (name.length == length && name[0] == bytes[from] && matches(name, bytes, from)) {
                return METHODS[i];
            }
        }
        return Method.of(new String(bytes, from, length, StandardCharsets.ISO_8859_1));
    }

    private static boolean matches(byte[] name, byte[] bytes, int from) {
        for (int i = 1; i < name.length; i++) {
            if (name[i] != bytes[from + i]) {
                return false;
            }
        }
        return true;
    }
}
