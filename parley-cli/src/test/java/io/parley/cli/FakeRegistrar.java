package io.parley.cli;

import io.parley.auth.DigestAlgorithm;
import io.parley.message.AuthParam;
import io.parley.message.AuthValue;
import io.parley.message.Contact;
import io.parley.message.Parameter;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.Warning;
import io.parley.ua.LocalEndpoint;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * An in-process registrar for command tests: challenges with realm proximiti, qop auth and MD5, accepts only
 * a correct MD5 qop=auth answer for user 23 and password 4321, and records every request.
 */
final class FakeRegistrar implements RegistrarChannels.OpenChannel {

    enum Mode { DIGEST, FORBIDDEN, TIMEOUT }

    static final String NONCE = "156730866";
    static final String SENT_FLOW = "UDP 127.0.0.1:5070 -> 127.0.0.1:5060";
    static final String RECEIVED_FLOW = "UDP 127.0.0.1:5060 -> 127.0.0.1:5070";

    private final Mode mode;
    private final long grantedExpires;
    private final List<SipRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Consumer<SipRequest> onRequest = request -> { };
    private volatile boolean closed;
    private volatile RegistrarChannels.WireTrace trace = (sent, message, flow) -> { };

    FakeRegistrar(Mode mode, long grantedExpires) {
        this.mode = mode;
        this.grantedExpires = grantedExpires;
    }

    List<SipRequest> requests() {
        return requests;
    }

    boolean closed() {
        return closed;
    }

    void setTrace(RegistrarChannels.WireTrace wireTrace) {
        trace = wireTrace;
    }

    /** Runs {@code action} for every request before answering it. */
    void onRequest(Consumer<SipRequest> action) {
        onRequest = action;
    }

    @Override
    public LocalEndpoint localEndpoint() {
        return new LocalEndpoint("UDP", "127.0.0.1", 5070);
    }

    @Override
    public CompletableFuture<SipResponse> send(SipRequest request) {
        requests.add(request);
        trace.onMessage(true, request, SENT_FLOW);
        onRequest.accept(request);
        if (mode == Mode.TIMEOUT) {
            return CompletableFuture.failedFuture(new TimeoutException("no final response within 32000 ms"));
        }
        SipResponse response = mode == Mode.FORBIDDEN
                ? SipResponse.forRequest(request, 403).toTag("r")
                        .addWarning(new Warning(399, "registrar.test", "account disabled")).build()
                : answerDigest(request);
        trace.onMessage(false, response, RECEIVED_FLOW);
        return CompletableFuture.completedFuture(response);
    }

    @Override
    public void close() {
        closed = true;
    }

    private SipResponse answerDigest(SipRequest request) {
        if (request.authorization().isEmpty() || !correct(request.authorization().get(0))) {
            AuthValue challenge = AuthValue.of("Digest", List.of(AuthParam.quoted("realm", "proximiti"),
                    AuthParam.quoted("nonce", NONCE), AuthParam.quoted("qop", "auth"), AuthParam.token("algorithm", "MD5")));
            return SipResponse.forRequest(request, 401).toTag("r").addWwwAuthenticate(challenge).build();
        }
        if (request.expires().orElse(0) == 0) {
            return SipResponse.forRequest(request, 200).toTag("r").build();
        }
        Contact ours = request.contacts().get(0);
        Contact granted = Contact.of(ours.address().withParameter(new Parameter("expires", Long.toString(grantedExpires))));
        return SipResponse.forRequest(request, 200).toTag("r").contacts(List.of(granted)).build();
    }

    private static boolean correct(AuthValue credentials) {
        DigestAlgorithm md5 = DigestAlgorithm.MD5;
        String ha1 = md5.hashHex("23:proximiti:4321");
        String ha2 = md5.hashHex("REGISTER:" + credentials.param("uri").orElse(""));
        String expected = md5.hashHex(ha1 + ":" + NONCE + ":" + credentials.param("nc").orElse("") + ":"
                + credentials.param("cnonce").orElse("") + ":auth:" + ha2);
        return expected.equals(credentials.param("response").orElse(""));
    }
}
