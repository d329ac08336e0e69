package io.parley.interop;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parameters of a Digest challenge, and qop=auth credentials for it (RFC 7616 section 3.4.1),
 * so the tests can craft Authorization headers that SIPp 3.6 cannot: SHA-256, or credentials with
 * fields left out on purpose. This is test support, not Parley's digest implementation.
 */
record DigestChallenge(Map<String, String> parameters) {

    /** auth-param = token "=" ( token / quoted-string ), RFC 7616 section 3.3; no escapes in tests. */
    private static final Pattern PARAMETER = Pattern.compile("([A-Za-z0-9_-]+)\\s*=\\s*(\"([^\"]*)\"|[^\\s,]+)");

    static DigestChallenge parse(String headerValue) {
        if (!headerValue.regionMatches(true, 0, "Digest ", 0, "Digest ".length())) {
            throw new IllegalArgumentException("not a Digest challenge: '" + headerValue + "'");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher matcher = PARAMETER.matcher(headerValue.substring("Digest ".length()));
        while (matcher.find()) {
            String value = matcher.group(3) != null ? matcher.group(3) : matcher.group(2);
            parameters.put(matcher.group(1).toLowerCase(java.util.Locale.ROOT), value);
        }
        return new DigestChallenge(Map.copyOf(parameters));
    }

    Optional<String> parameter(String name) {
        return Optional.ofNullable(parameters.get(name));
    }

    String realm() {
        return parameter("realm").orElseThrow(() -> new AssertionError("challenge without realm: " + parameters));
    }

    String nonce() {
        return parameter("nonce").orElseThrow(() -> new AssertionError("challenge without nonce: " + parameters));
    }

    /** Returns the algorithm parameter, or MD5 when it is absent (RFC 7616 section 3.3). */
    String algorithm() {
        return parameter("algorithm").orElse("MD5");
    }

    /**
     * Returns the response value for qop=auth:
     * {@code H(H(user:realm:password):nonce:nc:cnonce:auth:H(method:uri))}.
     */
    String qopAuthResponse(String user, String password, String method, String uri, String nc, String cnonce) {
        String ha1 = hash(user + ":" + realm() + ":" + password);
        String ha2 = hash(method + ":" + uri);
        return hash(ha1 + ":" + nonce() + ":" + nc + ":" + cnonce + ":auth:" + ha2);
    }

    /**
     * Returns the response value of RFC 2069, without qop: {@code H(H(user:realm:password):nonce:H(method:uri))}.
     * RFC 3261 section 22.4 keeps this form for backward compatibility.
     */
    String rfc2069Response(String user, String password, String method, String uri) {
        String ha1 = hash(user + ":" + realm() + ":" + password);
        String ha2 = hash(method + ":" + uri);
        return hash(ha1 + ":" + nonce() + ":" + ha2);
    }

    /** Returns the Authorization header value for this challenge with qop=auth, cnonce and nc. */
    String qopAuthAuthorization(String user, String password, String method, String uri, String nc, String cnonce) {
        String response = qopAuthResponse(user, password, method, uri, nc, cnonce);
        return "Digest username=\"" + user + "\", realm=\"" + realm() + "\", nonce=\"" + nonce()
                + "\", uri=\"" + uri + "\", response=\"" + response + "\", algorithm=" + algorithm()
                + ", cnonce=\"" + cnonce + "\", qop=auth, nc=" + nc;
    }

    private String hash(String text) {
        String jcaName = switch (algorithm().toUpperCase(java.util.Locale.ROOT)) {
            case "MD5" -> "MD5";
            case "SHA-256" -> "SHA-256";
            default -> throw new IllegalArgumentException("test support hashes MD5 and SHA-256 only, not '"
                    + algorithm() + "'");
        };
        try {
            byte[] digest = MessageDigest.getInstance(jcaName).digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + jcaName + ", which every Java SE platform provides", e);
        }
    }
}
