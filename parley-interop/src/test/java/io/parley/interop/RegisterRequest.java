package io.parley.interop;

import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * REGISTER request text for {@link SipTestClient}, with the fields a test varies: user, CSeq,
 * Expires and the Authorization header. Call-ID, From tag and Contact stay fixed per instance, as
 * RFC 3261 section 10.2 requires within one registration.
 */
final class RegisterRequest {

    private final SipTestClient client;
    private final String user;
    private final String domain;
    private final String callId;
    private final String fromTag;

    RegisterRequest(SipTestClient client, String user, String domain) {
        this.client = Objects.requireNonNull(client);
        this.user = Objects.requireNonNull(user);
        this.domain = Objects.requireNonNull(domain);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        this.callId = Long.toHexString(random.nextLong()) + "@127.0.0.1";
        this.fromTag = Long.toHexString(random.nextLong());
    }

    /** Returns the Request-URI, also the digest-uri: the registrar's own address. */
    String requestUri() {
        return "sip:127.0.0.1:" + client.remotePort() + transportParameter();
    }

    String contact() {
        return "sip:" + user + "@127.0.0.1:" + client.localPort() + transportParameter();
    }

    /** Returns the request text; {@code authorization} is a header value, or null for none. */
    String text(int cseq, int expires, String authorization) {
        String via = "SIP/2.0/" + client.transport().name() + " 127.0.0.1:" + client.localPort()
                + ";branch=z9hG4bK" + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ";rport";
        StringBuilder text = new StringBuilder()
                .append("REGISTER ").append(requestUri()).append(" SIP/2.0\r\n")
                .append("Via: ").append(via).append("\r\n")
                .append("Max-Forwards: 70\r\n")
                .append("From: <sip:").append(user).append('@').append(domain).append(">;tag=").append(fromTag).append("\r\n")
                .append("To: <sip:").append(user).append('@').append(domain).append(">\r\n")
                .append("Call-ID: ").append(callId).append("\r\n")
                .append("CSeq: ").append(cseq).append(" REGISTER\r\n")
                .append("Contact: <").append(contact()).append(">\r\n")
                .append("Expires: ").append(expires).append("\r\n");
        if (authorization != null) {
            text.append("Authorization: ").append(authorization).append("\r\n");
        }
        return text.append("Content-Length: 0\r\n\r\n").toString();
    }

    private String transportParameter() {
        return client.transport() == Transport.UDP ? "" : ";transport=" + client.transport().uriParameter();
    }
}
