package io.parley.transport;

/** Raw request text for tests that write bytes on the wire themselves. */
final class WireText {

    private WireText() {
    }

    /** Returns a REGISTER from {@code sentBy} with the given Via parameters after the branch, and extra header lines. */
    static String register(String sentBy, String viaParameters, String extraHeaders) {
        return "REGISTER sip:127.0.0.1 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + sentBy + ";branch=z9hG4bKraw1" + viaParameters + "\r\n"
                + "From: <sip:bob@127.0.0.1>;tag=raw1\r\n"
                + "To: <sip:bob@127.0.0.1>\r\n"
                + "Call-ID: raw-call-1@127.0.0.1\r\n"
                + "CSeq: 1 REGISTER\r\n"
                + "Max-Forwards: 70\r\n"
                + extraHeaders
                + "Content-Length: 0\r\n"
                + "\r\n";
    }
}
