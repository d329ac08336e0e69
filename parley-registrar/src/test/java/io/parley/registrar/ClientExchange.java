package io.parley.registrar;

import io.parley.auth.AuthDecision;
import io.parley.auth.Challenged;
import io.parley.auth.CredentialsHeader;
import io.parley.auth.DigestClient;
import io.parley.message.AuthValue;
import io.parley.message.CSeq;
import io.parley.message.Method;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives a registrar the way a user agent does: sends a REGISTER, responds to each challenge with the
 * digest client, and records every request and response.
 */
final class ClientExchange {

    final List<SipRequest> requests = new ArrayList<>();
    final List<SipResponse> responses = new ArrayList<>();

    private final Registrar registrar;
    private final DigestClient client;
    private final RequestSource source;

    ClientExchange(Registrar registrar, DigestClient client, RequestSource source) {
        this.registrar = registrar;
        this.client = client;
        this.source = source;
    }

    /** Sends {@code request}, then responds to up to three challenges and returns the last response. */
    SipResponse run(SipRequest request) {
        SipRequest next = request;
        for (int attempt = 0; attempt < 4; attempt++) {
            SipResponse response = send(next);
            if (response.statusCode() != 401 && response.statusCode() != 407) {
                if (response.isSuccess()) {
                    client.onAccepted(credentialsHeaderOf(next), response.authenticationInfo(), response.body());
                }
                return response;
            }
            AuthDecision decision = client.authenticate(challengedBy(next, response));
            if (!(decision instanceof AuthDecision.Send send)) {
                return response;
            }
            next = withCredentials(next, send);
        }
        return responses.get(responses.size() - 1);
    }

    /** Sends {@code request} once and returns the response. */
    SipResponse send(SipRequest request) {
        requests.add(request);
        SipResponse response = registrar.handle(request, source).orElseThrow();
        responses.add(response);
        return response;
    }

    static Challenged challengedBy(SipRequest request, SipResponse response) {
        List<AuthValue> challenges = response.statusCode() == 401 ? response.wwwAuthenticate() : response.proxyAuthenticate();
        return new Challenged(response.statusCode(), challenges, request.method().name(),
                request.requestUri().format(), request.body());
    }

    /** Returns {@code request} with the next CSeq and the credentials of {@code send}. */
    static SipRequest withCredentials(SipRequest request, AuthDecision.Send send) {
        SipRequest.Builder builder = request.toBuilder()
                .cseq(new CSeq(request.cseq().sequence() + 1, Method.REGISTER));
        for (AuthValue value : send.values()) {
            if (send.header() == CredentialsHeader.AUTHORIZATION) {
                builder.authorization(value);
            } else {
                builder.proxyAuthorization(value);
            }
        }
        return builder.build();
    }

    private static CredentialsHeader credentialsHeaderOf(SipRequest request) {
        return request.proxyAuthorization().isEmpty() ? CredentialsHeader.AUTHORIZATION : CredentialsHeader.PROXY_AUTHORIZATION;
    }
}
