package io.parley.transport;

import io.parley.message.CSeq;
import io.parley.message.Contact;
import io.parley.message.Method;
import io.parley.message.NameAddress;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.SipUri;
import io.parley.message.Via;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Requests and responses for tests, addressed to loopback only. */
public final class TestMessages {

    public static final InetSocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5070);
    public static final InetSocketAddress LOCAL = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5060);

    private TestMessages() {
    }

    /** Returns a request with a placeholder Via whose branch the transaction layer replaces. */
    public static SipRequest request(Method method) {
        return builder(method, 1).build();
    }

    public static SipRequest.Builder builder(Method method, long sequence) {
        return SipRequest.builder(method, SipUri.of("", "127.0.0.1", 5070))
                .via(Via.of("UDP", "127.0.0.1", 5060, "z9hG4bKplaceholder"))
                .from(NameAddress.of(SipUri.of("alice", "127.0.0.1")).withTag("fromtag1"))
                .to(NameAddress.of(SipUri.of("alice", "127.0.0.1")))
                .callId("call-" + method.name().toLowerCase(java.util.Locale.ROOT) + "@127.0.0.1")
                .cseq(new CSeq(sequence, method))
                .maxForwards(70)
                .contact(Contact.of(NameAddress.of(SipUri.of("alice", "127.0.0.1", 5060))));
    }

    /** Returns a request as a peer would send it, with its own RFC 3261 branch and sent-by. */
    public static SipRequest received(Method method, String branch) {
        return builder(method, 1).via(Via.of("UDP", "127.0.0.1", 5070, branch)).build();
    }

    /** Returns a response to {@code request} with a To tag for every status but 100. */
    public static SipResponse response(SipRequest request, int status) {
        SipResponse.Builder builder = SipResponse.forRequest(request, status);
        if (status != 100) {
            builder.toTag("totag1");
        }
        return builder.build();
    }
}
