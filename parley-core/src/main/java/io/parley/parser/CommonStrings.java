package io.parley.parser;

/**
 * Shared instances of the tokens most messages repeat (protocol, transports, methods, parameter
 * names), so that reading them allocates nothing.
 */
final class CommonStrings {

    private static final int MAX_LENGTH = 16;
    /** Candidates by length and first byte, so that most uncommon strings are dismissed at once. */
    private static final String[][] BY_LENGTH_AND_FIRST = new String[(MAX_LENGTH + 1) * 128][];
    /** The ASCII bytes of each string in {@link #BY_LENGTH_AND_FIRST}, at the same indexes. */
    private static final byte[][][] BYTES_BY_LENGTH_AND_FIRST = new byte[(MAX_LENGTH + 1) * 128][][];

    static {
        String[] common = {
            "SIP", "2.0", "UDP", "TCP", "TLS", "SCTP", "WS", "WSS", "udp", "tcp", "tls", "sctp", "ws", "wss",
            "branch", "tag", "received", "rport", "maddr", "ttl", "lr", "transport", "user", "method", "expires",
            "q", "phone", "ob", "gr", "ACK", "BYE", "CANCEL", "INFO", "INVITE", "MESSAGE", "NOTIFY", "OPTIONS",
            "PRACK", "PUBLISH", "REFER", "REGISTER", "SUBSCRIBE", "UPDATE", "application", "sdp", "text", "plain",
            "Digest", "MD5", "auth", "boundary", "charset", "+sip.instance", "reg-id", "path", "outbound",
            "timer", "100rel", "replaces", "norefersub", "gruu"
        };
        for (String s : common) {
            int slot = slot(s.length(), s.charAt(0));
            String[] old = BY_LENGTH_AND_FIRST[slot];
            String[] grown = old == null ? new String[1] : java.util.Arrays.copyOf(old, old.length + 1);
            grown[grown.length - 1] = s;
            BY_LENGTH_AND_FIRST[slot] = grown;
            byte[][] oldBytes = BYTES_BY_LENGTH_AND_FIRST[slot];
            byte[][] grownBytes = oldBytes == null ? new byte[1][] : java.util.Arrays.copyOf(oldBytes, oldBytes.length + 1);
            grownBytes[grownBytes.length - 1] = s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            BYTES_BY_LENGTH_AND_FIRST[slot] = grownBytes;
        }
    }

    private CommonStrings() {
    }

    /** Returns the shared instance equal to the ASCII text of {@code bytes[from, to)}, or null. */
    static String find(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length <= 0 || length > MAX_LENGTH || bytes[from] < 0) {
            return null;
        }
        int slot = slot(length, bytes[from]);
        byte[][] candidates = BYTES_BY_LENGTH_AND_FIRST[slot];
        if (candidates == null) {
            return null;
        }
        for (int i = 0; i < candidates.length; i++) {
            if (matches(candidates[i], bytes, from)) {
                return BY_LENGTH_AND_FIRST[slot][i];
            }
        }
        return null;
    }

    private static int slot(int length, int first) {
        return length * 128 + (first & 0x7F);
    }

    private static boolean matches(byte[] candidate, byte[] bytes, int from) {
        for (int i = 0; i < candidate.length; i++) {
            if (bytes[from + i] != candidate[i]) {
                return false;
            }
        }
        return true;
    }
}
