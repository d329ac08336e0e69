package io.parley.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The value of WWW-Authenticate, Proxy-Authenticate, Authorization, Proxy-Authorization or
 * Authentication-Info: an optional scheme followed by comma-separated parameters, in order.
 *
 * <p>Authentication-Info has no scheme, so {@link #scheme()} is empty there. A scheme that carries a
 * token68 blob instead of parameters (RFC 7235 section 2.1, as Bearer may) keeps it in
 * {@link #token68()}.
 *
 * @param scheme the auth-scheme as written, such as {@code Digest}; empty for Authentication-Info
 * @param params the parameters in wire order
 * @param token68 the token68 credentials or an empty string
 */
public record AuthValue(String scheme, List<AuthParam> params, String token68) {

    public AuthValue {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(token68, "token68");
        params = List.copyOf(params);
    }

    /** Creates a value with a scheme and parameters. */
    public static AuthValue of(String scheme, List<AuthParam> params) {
        return new AuthValue(scheme, params, "");
    }

    /** Returns whether the scheme equals the given one, compared without case (RFC 7235 section 2.1). */
    public boolean hasScheme(String other) {
        return scheme.equalsIgnoreCase(other);
    }

    /** Returns the value of the first parameter with this name, compared without case. */
    public Optional<String> param(String name) {
        for (AuthParam p : params) {
            if (p.is(name)) {
                return Optional.of(p.value());
            }
        }
        return Optional.empty();
    }

    /** Returns the first parameter with this name, compared without case. */
    public Optional<AuthParam> findParam(String name) {
        for (AuthParam p : params) {
            if (p.is(name)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Returns the wire form: scheme, one space, then parameters joined by {@code ", "}. */
    public String format() {
        StringBuilder out = new StringBuilder(64 + params.size() * 24);
        appendTo(out);
        return out.toString();
    }

    /** Appends the wire form to {@code out}, as {@link #format()} returns it. */
    void appendTo(StringBuilder out) {
        out.append(scheme);
        if (!token68.isEmpty()) {
            out.append(' ').append(token68);
        }
        for (int i = 0; i < params.size(); i++) {
            if (i == 0) {
                if (!scheme.isEmpty() || !token68.isEmpty()) {
                    out.append(' ');
                }
            } else {
                out.append(", ");
            }
            params.get(i).appendTo(out);
        }
    }

    /**
     * Returns the wire form with the values of {@code response}, {@code rspauth}, {@code cnonce} and
     * token68 credentials replaced by {@code ***}, for traces and logs.
     */
    public String formatMasked() {
        StringBuilder out = new StringBuilder(64 + params.size() * 24);
        out.append(scheme);
        if (!token68.isEmpty()) {
            out.append(" ***");
        }
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                out.append(", ");
            } else if (!scheme.isEmpty() || !token68.isEmpty()) {
                out.append(' ');
            }
            AuthParam p = params.get(i);
            if (p.is("response") || p.is("rspauth") || p.is("cnonce")) {
                new AuthParam(p.name(), "***", p.quoted()).appendTo(out);
            } else {
                p.appendTo(out);
            }
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return formatMasked();
    }
}
