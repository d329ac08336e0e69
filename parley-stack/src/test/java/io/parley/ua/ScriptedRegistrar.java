package io.parley.ua;

import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * A fake registrar behind a {@link RequestChannel}: answers each REGISTER with the next scripted
 * step and records every request, so tests assert on what the client sent.
 */
final class ScriptedRegistrar implements RequestChannel {

    private final List<SipRequest> requests = new ArrayList<>();
    private final Deque<Function<SipRequest, CompletableFuture<SipResponse>>> script = new ArrayDeque<>();
    private LocalEndpoint endpoint = new LocalEndpoint("UDP", "127.0.0.1", 5070);
    private CompletableFuture<SipResponse> held;

    /** Answers the next request with the response {@code answer} builds from it. */
    ScriptedRegistrar then(Function<SipRequest, SipResponse> answer) {
        script.add(request -> CompletableFuture.completedFuture(answer.apply(request)));
        return this;
    }

    /** Fails the next request's transaction with {@code error}. */
    ScriptedRegistrar thenFail(Throwable error) {
        script.add(request -> CompletableFuture.failedFuture(error));
        return this;
    }

    /** Leaves the next request unanswered until the test completes {@link #held()}. */
    ScriptedRegistrar thenHold() {
        script.add(request -> {
            held = new CompletableFuture<>();
            return held;
        });
        return this;
    }

    void setEndpoint(LocalEndpoint newEndpoint) {
        endpoint = newEndpoint;
    }

    CompletableFuture<SipResponse> held() {
        return held;
    }

    List<SipRequest> requests() {
        return requests;
    }

    SipRequest request(int index) {
        return requests.get(index);
    }

    SipRequest last() {
        return requests.get(requests.size() - 1);
    }

    boolean scriptDone() {
        return script.isEmpty();
    }

    @Override
    public LocalEndpoint localEndpoint() {
        return endpoint;
    }

    @Override
    public CompletableFuture<SipResponse> send(SipRequest request) {
        requests.add(request);
        Function<SipRequest, CompletableFuture<SipResponse>> step = script.poll();
        if (step == null) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "the script has no answer for REGISTER CSeq " + request.cseq().sequence()));
        }
        return step.apply(request);
    }
}
