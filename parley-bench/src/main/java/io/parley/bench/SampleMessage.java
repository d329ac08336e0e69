package io.parley.bench;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The three messages the parser and serializer benchmarks use, each with the values a stack reads on
 * receipt, so that every set-up can check that a library really parsed the message.
 */
public enum SampleMessage {

    REGISTER_WITH_AUTHORIZATION(String.join("\r\n",
            "REGISTER sip:registrar.example.com SIP/2.0",
            "Via: SIP/2.0/UDP 192.0.2.10:5060;rport;branch=z9hG4bK776asdhds",
            "Max-Forwards: 70",
            "From: \"Alice\" <sip:alice@example.com>;tag=a73kszlfl",
            "To: \"Alice\" <sip:alice@example.com>",
            "Call-ID: 1j9FpLxk3uxtm8tn@192.0.2.10",
            "CSeq: 2 REGISTER",
            "Contact: <sip:alice@192.0.2.10:5060;transport=udp>;expires=3600",
            "Authorization: Digest username=\"alice\", realm=\"example.com\", nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\","
                    + " uri=\"sip:registrar.example.com\", response=\"dfe56131d1958046689d83306477ecc\","
                    + " algorithm=MD5, cnonce=\"0a4f113b\", qop=auth, nc=00000001, opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"",
            "User-Agent: Parley-bench/1.0",
            "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, REGISTER",
            "Expires: 3600",
            "Content-Length: 0",
            "",
            ""),
            fields("startLine", "REGISTER", "viaHost", "192.0.2.10", "viaPort", "5060", "branch", "z9hG4bK776asdhds",
                    "fromTag", "a73kszlfl", "callId", "1j9FpLxk3uxtm8tn@192.0.2.10", "cseq", "2", "cseqMethod", "REGISTER",
                    "contactHost", "192.0.2.10", "contentLength", "0")),

    INVITE_WITH_SDP(String.join("\r\n",
            "INVITE sip:bob@biloxi.example.com SIP/2.0",
            "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bKnashds8",
            "Max-Forwards: 70",
            "To: Bob <sip:bob@biloxi.example.com>",
            "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774",
            "Call-ID: a84b4c76e66710@pc33.atlanta.example.com",
            "CSeq: 314159 INVITE",
            "Contact: <sip:alice@pc33.atlanta.example.com:5060>",
            "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE",
            "Supported: replaces, timer",
            "User-Agent: Parley-bench/1.0",
            "Content-Type: application/sdp",
            "Content-Length: 300",
            "",
            "v=0",
            "o=alice 2890844526 2890844526 IN IP4 pc33.atlanta.example.com",
            "s=-",
            "c=IN IP4 192.0.2.101",
            "t=0 0",
            "m=audio 49172 RTP/AVP 0 8 18 101",
            "a=rtpmap:0 PCMU/8000",
            "a=rtpmap:8 PCMA/8000",
            "a=rtpmap:18 G729/8000",
            "a=fmtp:18 annexb=no",
            "a=rtpmap:101 telephone-event/8000",
            "a=fmtp:101 0-16",
            "a=ptime:20",
            "a=sendrecv",
            ""),
            fields("startLine", "INVITE", "viaHost", "pc33.atlanta.example.com", "viaPort", "5060",
                    "branch", "z9hG4bKnashds8", "fromTag", "1928301774",
                    "callId", "a84b4c76e66710@pc33.atlanta.example.com", "cseq", "314159", "cseqMethod", "INVITE",
                    "contactHost", "pc33.atlanta.example.com", "contentLength", "300")),

    OK_FOR_INVITE(String.join("\r\n",
            "SIP/2.0 200 OK",
            "Via: SIP/2.0/UDP pc33.atlanta.example.com:5060;branch=z9hG4bKnashds8;received=192.0.2.101",
            "To: Bob <sip:bob@biloxi.example.com>;tag=a6c85cf",
            "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774",
            "Call-ID: a84b4c76e66710@pc33.atlanta.example.com",
            "CSeq: 314159 INVITE",
            "Contact: <sip:bob@192.0.2.4:5060>",
            "Allow: INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE",
            "Supported: replaces, timer",
            "Server: Parley-bench/1.0",
            "Content-Length: 0",
            "",
            ""),
            fields("startLine", "200", "viaHost", "pc33.atlanta.example.com", "viaPort", "5060",
                    "branch", "z9hG4bKnashds8", "fromTag", "1928301774", "toTag", "a6c85cf",
                    "callId", "a84b4c76e66710@pc33.atlanta.example.com", "cseq", "314159", "cseqMethod", "INVITE",
                    "contactHost", "192.0.2.4", "contentLength", "0"));

    private final byte[] bytes;
    private final Map<String, String> expected;

    SampleMessage(String text, Map<String, String> expected) {
        this.bytes = text.getBytes(StandardCharsets.UTF_8);
        this.expected = expected;
    }

    private static Map<String, String> fields(String... namesAndValues) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return Collections.unmodifiableMap(fields);
    }

    /** Returns the distinct header names of the message in lower case. */
    public SortedSet<String> headerNames() {
        String text = new String(bytes, StandardCharsets.UTF_8);
        String head = text.substring(text.indexOf("\r\n") + 2, text.indexOf("\r\n\r\n") + 2);
        SortedSet<String> names = new TreeSet<>();
        for (String line : head.split("\r\n")) {
            names.add(line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT));
        }
        return names;
    }

    /** Returns the body length the message declares in Content-Length. */
    public int expectedBodyLength() {
        return Integer.parseInt(expected.get("contentLength"));
    }

    /** Returns a fresh copy of the wire bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Returns the values a stack reads on receipt, by field name, with a To tag only where the message has one. */
    public Map<String, String> expected() {
        return expected;
    }
}
