package io.parley.parser;

import io.parley.message.CSeq;
import java.nio.charset.StandardCharsets;

/**
 * The value rules that some headers add to their generic parameters, checked on the received bytes
 * so that a parsed value needs no strings until it is read.
 */
enum ParameterRule {

    /** Generic parameters only. */
    NONE("tag"),

    /**
     * via-params (RFC 3261 section 20.42): branch is a token, ttl 0 to 255, rport a port when it has
     * a value, and received and maddr a host. A received IPv6 address may come with or without
     * brackets (RFC 5118 section 4.5).
     */
    VIA("branch"),

    /** Contact parameters (RFC 3261 section 20.10): expires is delta-seconds and q a qvalue. */
    CONTACT("tag");

    /** The parameter whose value range the parser records for the typed value: branch or tag. */
    private final String keyParameter;

    ParameterRule(String keyParameter) {
        this.keyParameter = keyParameter;
    }

    /** Returns whether {@code [nameStart, nameEnd)} names the parameter whose value range is recorded. */
    boolean isKey(byte[] bytes, int nameStart, int nameEnd) {
        return is(bytes, nameStart, nameEnd, keyParameter);
    }

    /**
     * Returns why the parameter {@code [nameStart, nameEnd)} with the value {@code [valueStart,
     * valueEnd)} breaks this rule, or null when it does not. A parameter without a value has an empty
     * value range.
     */
    String check(byte[] bytes, int nameStart, int nameEnd, int valueStart, int valueEnd) {
        return switch (this) {
            case NONE -> null;
            case VIA -> checkVia(bytes, nameStart, nameEnd, valueStart, valueEnd);
            case CONTACT -> checkContact(bytes, nameStart, nameEnd, valueStart, valueEnd);
        };
    }

    private static String checkVia(byte[] bytes, int nameStart, int nameEnd, int valueStart, int valueEnd) {
        int length = nameEnd - nameStart;
        if (length == 6 && is(bytes, nameStart, nameEnd, "branch") && !isAll(bytes, valueStart, valueEnd, CharClass.TOKEN)) {
            return "branch is not a token";
        }
        if (length == 3 && is(bytes, nameStart, nameEnd, "ttl") && digitsValue(bytes, valueStart, valueEnd, 3) > 255) {
            return "ttl is not 0 to 255";
        }
        if (length == 5 && is(bytes, nameStart, nameEnd, "rport") && valueEnd > valueStart
                && digitsValue(bytes, valueStart, valueEnd, 5) > 65535) {
            return "rport is not a port number";
        }
        boolean hostValued = (length == 8 && is(bytes, nameStart, nameEnd, "received"))
                || (length == 5 && is(bytes, nameStart, nameEnd, "maddr"));
        if (hostValued && !isHost(bytes, valueStart, valueEnd)) {
            return new String(bytes, nameStart, nameEnd - nameStart, StandardCharsets.ISO_8859_1)
                    + " is not an IP address or host name";
        }
        return null;
    }

    private static String checkContact(byte[] bytes, int nameStart, int nameEnd, int valueStart, int valueEnd) {
        if (is(bytes, nameStart, nameEnd, "expires") && !isDeltaSeconds(bytes, valueStart, valueEnd)) {
            return "expires parameter is not 0 to 2^32-1 seconds";
        }
        if (is(bytes, nameStart, nameEnd, "q") && !isQValue(bytes, valueStart, valueEnd)) {
            return "q parameter is not a qvalue between 0 and 1";
        }
        return null;
    }

    /**
     * Returns whether the token {@code bytes[from, to)} is {@code name}, which is in lower case,
     * without case. For token characters, setting bit 0x20 changes only the letters A to Z.
     */
    private static boolean is(byte[] bytes, int from, int to, String name) {
        if (to - from != name.length()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if ((bytes[from + i] | 0x20) != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAll(byte[] bytes, int from, int to, boolean[] table) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            if (!table[bytes[i] & 0xFF]) {
                return false;
            }
        }
        return true;
    }

    /** Returns the value of 1 to {@code maxLength} digits, or Integer.MAX_VALUE when it is not that. */
    private static int digitsValue(byte[] bytes, int from, int to, int maxLength) {
        if (from >= to || to - from > maxLength) {
            return Integer.MAX_VALUE;
        }
        int value = 0;
        for (int i = from; i < to; i++) {
            if (!CharClass.isDigit(bytes[i])) {
                return Integer.MAX_VALUE;
            }
            value = value * 10 + bytes[i] - '0';
        }
        return value;
    }

    /** host, or an IPv6 address with or without brackets. */
    private static boolean isHost(byte[] bytes, int from, int to) {
        if (from >= to) {
            return false;
        }
        boolean bracketed = bytes[from] == '[';
        if (bracketed && bytes[to - 1] != ']') {
            return false;
        }
        int start = bracketed ? from + 1 : from;
        int end = bracketed ? to - 1 : to;
        return end > start && isAll(bytes, start, end, CharClass.HOST);
    }

    /** delta-seconds = 1*DIGIT, at most 2^32-1 with any number of leading zeros. */
    private static boolean isDeltaSeconds(byte[] bytes, int from, int to) {
        if (from >= to) {
            return false;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            if (!CharClass.isDigit(bytes[i])) {
                return false;
            }
            value = value * 10 + bytes[i] - '0';
            if (value > CSeq.MAX_SEQUENCE) {
                return false;
            }
        }
        return true;
    }

    /** qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ). */
    private static boolean isQValue(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length < 1 || length > 5 || (bytes[from] != '0' && bytes[from] != '1')) {
            return false;
        }
        if (length == 1) {
            return true;
        }
        if (bytes[from + 1] != '.') {
            return false;
        }
        for (int i = from + 2; i < to; i++) {
            if (!CharClass.isDigit(bytes[i]) || (bytes[from] == '1' && bytes[i] != '0')) {
                return false;
            }
        }
        return true;
    }
}
