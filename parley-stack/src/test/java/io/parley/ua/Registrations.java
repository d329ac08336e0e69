package io.parley.ua;

import io.parley.auth.DigestAlgorithm;
import io.parley.message.AuthParam;
import io.parley.message.AuthValue;
import io.parley.message.Contact;
import io.parley.message.NameAddress;
import io.parley.message.Parameter;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.SipUri;
import java.util.ArrayList;
import java.util.List;

/** Responses a registrar sends, and the digest arithmetic to check the client's answers. */
final class Registrations {

    static final String REALM = "proximiti";
    static final String USER = "23";
    static final String PASSWORD = "4321";

    private Registrations() {
    }

    /** Returns a challenge for realm proximiti with qop auth and MD5, as a strict registrar sends it. */
    static AuthValue challenge(String nonce) {
        return AuthValue.of("Digest", List.of(AuthParam.quoted("realm", REALM), AuthParam.quoted("nonce", nonce),
                AuthParam.quoted("qop", "auth"), AuthParam.token("algorithm", "MD5")));
    }

    /** Returns a qop=auth MD5 challenge for another realm, as a proxy in front of the registrar sends it. */
    static AuthValue challengeFor(String realm, String nonce) {
        return AuthValue.of("Digest", List.of(AuthParam.quoted("realm", realm), AuthParam.quoted("nonce", nonce),
                AuthParam.quoted("qop", "auth"), AuthParam.token("algorithm", "MD5")));
    }

    /** Returns the challenge with {@code stale=true}. */
    static AuthValue staleChallenge(String nonce) {
        List<AuthParam> params = new ArrayList<>(challenge(nonce).params());
        params.add(AuthParam.token("stale", "true"));
        return AuthValue.of("Digest", params);
    }

    static SipResponse unauthorized(SipRequest request, AuthValue challenge) {
        return SipResponse.forRequest(request, 401).toTag("reg").addWwwAuthenticate(challenge).build();
    }

    static SipResponse proxyAuthenticationRequired(SipRequest request, AuthValue challenge) {
        return SipResponse.forRequest(request, 407).toTag("reg").addProxyAuthenticate(challenge).build();
    }

    /**
     * Returns a 200 listing another device's binding (expires 3600) before ours with
     * {@code expires}, and an Expires header of 999 that must not win.
     */
    static SipResponse ok(SipRequest request, long expires) {
        Contact ours = request.contacts().get(0);
        Contact other = Contact.of(new NameAddress("", SipUri.of(USER, "198.51.100.9", 5060),
                List.of(new Parameter("expires", "3600"))));
        Contact granted = Contact.of(ours.address().withParameter(new Parameter("expires", Long.toString(expires))));
        return SipResponse.forRequest(request, 200).toTag("reg").contacts(List.of(other, granted)).expires(999).build();
    }

    /** Returns a 200 to an unregister, listing no bindings. */
    static SipResponse okEmpty(SipRequest request) {
        return SipResponse.forRequest(request, 200).toTag("reg").build();
    }

    /** Returns the value of one parameter of the single Authorization of {@code request}. */
    static String authParam(SipRequest request, String name) {
        List<AuthValue> credentials = request.authorization();
        if (credentials.size() != 1) {
            throw new AssertionError("expected one Authorization, found " + credentials.size() + " in " + request);
        }
        return credentials.get(0).param(name).orElseThrow(() -> new AssertionError("no " + name + " in Authorization"));
    }

    /** Recomputes the MD5 qop=auth response the Authorization of {@code request} should carry (RFC 7616 section 3.4.1). */
    static String expectedResponse(SipRequest request) {
        DigestAlgorithm md5 = DigestAlgorithm.MD5;
        String ha1 = md5.hashHex(USER + ":" + REALM + ":" + PASSWORD);
        String ha2 = md5.hashHex("REGISTER:" + authParam(request, "uri"));
        return md5.hashHex(ha1 + ":" + authParam(request, "nonce") + ":" + authParam(request, "nc") + ":"
                + authParam(request, "cnonce") + ":auth:" + ha2);
    }
}
