package io.parley.transport;

import java.nio.charset.StandardCharsets;

/** Finds the Call-ID and branch in raw bytes, for logs about messages that could not be handled. */
final class Diagnostics {

    /** How far into a message the search goes; the Via and Call-ID come early in practice. */
    private static final int SEARCH_LIMIT = 4096;

    private Diagnostics() {
    }

    /** Returns {@code Call-ID x, branch y} with what can be found, or a note that nothing was found. */
    static String describe(byte[] bytes) {
        String text = new String(bytes, 0, Math.min(bytes.length, SEARCH_LIMIT), StandardCharsets.UTF_8);
        String callId = valueAfter(text, "\ncall-id:", "\ni:");
        String branch = valueAfter(text, ";branch=", null);
        return "Call-ID " + (callId == null ? "unknown" : callId) + ", branch " + (branch == null ? "unknown" : branch);
    }

    private static String valueAfter(String text, String marker, String compactMarker) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        int at = lower.indexOf(marker);
        String used = marker;
        if (at < 0 && compactMarker != null) {
            at = lower.indexOf(compactMarker);
            used = compactMarker;
        }
        if (at < 0) {
            return null;
        }
        int start = at + used.length();
        int end = start;
        while (end < text.length() && ";,\r\n".indexOf(text.charAt(end)) < 0) {
            end++;
        }
        String value = text.substring(start, end).strip();
        return value.length() > 80 ? value.substring(0, 77) + "..." : value;
    }
}
