package io.parley.ua;

import io.parley.auth.AuthDecision;
import io.parley.auth.CredentialsHeader;
import io.parley.message.AuthValue;
import io.parley.message.CSeq;
import io.parley.message.Contact;
import io.parley.message.Header;
import io.parley.message.HeaderName;
import io.parley.message.Method;
import io.parley.message.NameAddress;
import io.parley.message.Parameter;
import io.parley.message.SipRequest;
import io.parley.message.Via;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds the REGISTER requests of one registration lifetime (RFC 3261 section 10.2): one Call-ID
 * and From tag for all of them, a CSeq one higher on every request, a fresh branch on every Via.
 */
final class RegisterRequests {

    private static final int CALL_ID_BYTES = 16;
    private static final int TAG_BYTES = 8;
    private static final int BRANCH_BYTES = 12;
    private static final int MAX_FORWARDS = 70;

    private final RegistrationConfig config;
    private final SecureRandom random;
    private final String callId;
    private final String fromTag;
    private long nextSequence = 1;

    RegisterRequests(RegistrationConfig config, SecureRandom random) {
        this.config = config;
        this.random = random;
        this.callId = randomHex(CALL_ID_BYTES);
        this.fromTag = randomHex(TAG_BYTES);
    }

    String callId() {
        return callId;
    }

    /**
     * Builds the next REGISTER.
     *
     * @param sentBy the local address for the Via sent-by
     * @param contacts the Contact values, or {@link Contact#WILDCARD} alone to remove all bindings
     * @param expiresSeconds the Expires header value; 0 removes the bindings
     * @param credentials the Authorization and Proxy-Authorization values to add, one line each
     */
    SipRequest next(LocalEndpoint sentBy, List<Contact> contacts, long expiresSeconds,
            List<AuthDecision.Send> credentials) {
        // RFC 3261 section 8.1.1.7 branch, and rport requested so the registrar reports our
        // public port (RFC 3581 section 3).
        Via via = Via.of(sentBy.transport(), sentBy.host(), sentBy.port(), Via.MAGIC_COOKIE + randomHex(BRANCH_BYTES))
                .withParameter(Parameter.flag("rport"));
        NameAddress aor = NameAddress.of(config.addressOfRecord());
        SipRequest.Builder builder = SipRequest.builder(Method.REGISTER, config.registrar())
                .via(via)
                .maxForwards(MAX_FORWARDS)
                .to(aor)
                .from(aor.withTag(fromTag))
                .callId(callId)
                .cseq(new CSeq(nextSequence++, Method.REGISTER))
                .contacts(contacts)
                .expires(expiresSeconds);
        for (AuthDecision.Send send : credentials) {
            HeaderName name = send.header() == CredentialsHeader.AUTHORIZATION
                    ? HeaderName.AUTHORIZATION : HeaderName.PROXY_AUTHORIZATION;
            for (AuthValue value : send.values()) {
                builder.header(Header.typed(name, value));
            }
        }
        if (!config.userAgent().isEmpty()) {
            builder.userAgent(config.userAgent());
        }
        return builder.build();
    }

    private String randomHex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }
}
