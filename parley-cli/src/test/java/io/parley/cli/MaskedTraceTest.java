package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.AuthParam;
import io.parley.message.AuthValue;
import io.parley.message.CSeq;
import io.parley.message.Method;
import io.parley.message.NameAddress;
import io.parley.message.SipRequest;
import io.parley.message.SipUri;
import io.parley.message.Via;
import java.util.List;
import org.junit.jupiter.api.Test;

class MaskedTraceTest {

    @Test
    void masksDigestResponseAndCnonce() {
        SipUri aor = SipUri.of("alice", "example.com");
        SipRequest request = SipRequest.builder(Method.REGISTER, SipUri.of("", "example.com"))
                .via(Via.of("UDP", "127.0.0.1", 5062, "z9hG4bK-1"))
                .maxForwards(70)
                .from(NameAddress.of(aor).withTag("t"))
                .to(NameAddress.of(aor))
                .callId("c1")
                .cseq(new CSeq(2, Method.REGISTER))
                .authorization(AuthValue.of("Digest", List.of(AuthParam.quoted("username", "alice"),
                        AuthParam.quoted("nonce", "n1"), AuthParam.quoted("response", "0123456789abcdef"),
                        AuthParam.quoted("cnonce", "fedcba"), AuthParam.token("qop", "auth"))))
                .build();

        String trace = MaskedTrace.format(request);

        assertThat(trace).startsWith("REGISTER sip:example.com SIP/2.0\n");
        assertThat(trace).contains("Authorization: Digest username=\"alice\"").contains("response=\"***\"");
        assertThat(trace).doesNotContain("0123456789abcdef").doesNotContain("fedcba");
        assertThat(trace).contains("Call-ID: c1");
    }
}
