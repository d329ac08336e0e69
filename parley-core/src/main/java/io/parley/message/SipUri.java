package io.parley.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sip or sips URI (RFC 3261 section 19.1). User, password, parameters and headers keep their
 * %-escapes as written; {@link #decodedUser()} and {@link #decodedPassword()} return the decoded
 * values, so {@code sip:%75ser@host} and {@code sip:user@host} are different values with the same
 * decoded user.
 *
 * @param secure true for sips
 * @param user the user part as written, or an empty string
 * @param password the password as written, or an empty string
 * @param host a host name, IPv4 address, or IPv6 reference with its brackets
 * @param port the port, or -1 when the URI has none
 * @param parameters the URI parameters in order
 * @param headers the URI headers ({@code ?name=value&...}) in order
 */
public record SipUri(boolean secure, String user, String password, String host, int port,
        List<Parameter> parameters, List<Parameter> headers) implements Uri {

    public SipUri {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(host, "host");
        parameters = List.copyOf(parameters);
        headers = List.copyOf(headers);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("SIP URI host is empty");
        }
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("SIP URI port " + port + " is out of range; use 0-65535 or -1 for none");
        }
    }

    /** Creates {@code sip:user@host}, or {@code sip:host} when {@code user} is empty. */
    public static SipUri of(String user, String host) {
        return new SipUri(false, user, "", host, -1, List.of(), List.of());
    }

    /** Creates {@code sip:user@host:port}, or {@code sip:host:port} when {@code user} is empty. */
    public static SipUri of(String user, String host, int port) {
        return new SipUri(false, user, "", host, port, List.of(), List.of());
    }

    @Override
    public String scheme() {
        return secure ? "sips" : "sip";
    }

    /** Returns the user part with %-escapes decoded as UTF-8. */
    public String decodedUser() {
        return SipChars.decodePercent(user);
    }

    /** Returns the password with %-escapes decoded as UTF-8. */
    public String decodedPassword() {
        return SipChars.decodePercent(password);
    }

    /** Returns the value of the first URI parameter with this name, compared without case. */
    public Optional<String> parameter(String name) {
        return Parameter.valueOf(parameters, name);
    }

    /** Returns whether the URI has a parameter with this name, compared without case. */
    public boolean hasParameter(String name) {
        return Parameter.find(parameters, name).isPresent();
    }

    /** Returns the {@code transport} parameter, such as {@code tcp}. */
    public Optional<String> transport() {
        return parameter("transport");
    }

    /** Returns whether the URI has the {@code lr} parameter of a loose router (RFC 3261 section 19.1.1). */
    public boolean isLooseRouter() {
        return hasParameter("lr");
    }

    /** Returns a copy with this parameter set, replacing one of the same name. */
    public SipUri withParameter(Parameter parameter) {
        return new SipUri(secure, user, password, host, port, Parameter.with(parameters, parameter), headers);
    }

    /** Returns a copy without the parameters of this name. */
    public SipUri withoutParameter(String name) {
        return new SipUri(secure, user, password, host, port, Parameter.without(parameters, name), headers);
    }

    /** Returns a copy with another port, or -1 for none. */
    public SipUri withPort(int newPort) {
        return new SipUri(secure, user, password, host, newPort, parameters, headers);
    }

    /** Returns a copy without URI headers, as RFC 3261 section 19.1.5 requires before a URI becomes a Request-URI. */
    public SipUri withoutHeaders() {
        return new SipUri(secure, user, password, host, port, parameters, List.of());
    }

    @Override
    public String format() {
        StringBuilder out = new StringBuilder(16 + user.length() + host.length() + parameters.size() * 12);
        out.append(secure ? "sips:" : "sip:");
        if (!user.isEmpty()) {
            out.append(user);
            if (!password.isEmpty()) {
                out.append(':').append(password);
            }
            out.append('@');
        }
        out.append(host);
        if (port >= 0) {
            out.append(':').append(port);
        }
        Parameter.appendAll(out, parameters);
        for (int i = 0; i < headers.size(); i++) {
            Parameter header = headers.get(i);
            out.append(i == 0 ? '?' : '&').append(header.name()).append('=').append(header.value());
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
