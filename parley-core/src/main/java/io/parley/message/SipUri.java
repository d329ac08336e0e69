package io.parley.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A sip or sips URI (RFC 3261 section 19.1). User, password, parameters and headers keep their
 * %-escapes as written; {@link #decodedUser()} and {@link #decodedPassword()} return the decoded
 * values, so {@code sip:%75ser@host} and {@code sip:user@host} are different values with the same
 * decoded user. A parsed URI keeps offsets into the received bytes and makes each string when first
 * read. Two URIs are equal when every component is equal, however each was made.
 */
public final class SipUri implements Uri {

    private final boolean secure;
    private final int port;
    /** The components of a built URI; all null for a parsed one, which makes them from source. */
    private final String user;
    private final String password;
    private final String host;
    private final List<Parameter> parameters;
    private final List<Parameter> headers;
    /** The received bytes of a parsed URI, or null for a built one. */
    private final byte[] source;
    private final int userStart;
    private final int userEnd;
    private final int hostStart;
    private final int hostEnd;
    private final int parametersStart;
    private final int parametersEnd;
    private final int headersEnd;
    // Made from source on first read of a parsed URI; a race only makes the same value twice.
    private String decodedUser;
    private String decodedHost;
    private List<Parameter> decodedParameters;

    /**
     * Creates a SIP URI.
     *
     * @param secure true for sips
     * @param user the user part as written, or an empty string
     * @param password the password as written, or an empty string
     * @param host a host name, IPv4 address, or IPv6 reference with its brackets
     * @param port the port, or -1 when the URI has none
     * @param parameters the URI parameters in order
     * @param headers the URI headers ({@code ?name=value&...}) in order
     */
    public SipUri(boolean secure, String user, String password, String host, int port,
            List<Parameter> parameters, List<Parameter> headers) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(host, "host");
        parameters = List.copyOf(parameters);
        headers = List.copyOf(headers);
        if (!SipChars.isHost(host)) {
            throw new IllegalArgumentException("SIP URI host '" + host + "' is not a host name, IPv4 address "
                    + "or IPv6 reference; write an IPv6 address in brackets, such as [2001:db8::1]");
        }
        checkEscaped("user", user, SipChars.USER);
        checkEscaped("password", password, SipChars.PASSWORD);
        for (Parameter parameter : parameters) {
            checkEscaped("parameter name", parameter.name(), SipChars.URI_PARAMETER);
            checkEscaped("parameter value", parameter.value(), SipChars.URI_PARAMETER);
        }
        for (Parameter header : headers) {
            checkEscaped("header name", header.name(), SipChars.URI_HEADER);
            checkEscaped("header value", header.value(), SipChars.URI_HEADER);
        }
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("SIP URI port " + port + " is out of range; use 0-65535 or -1 for none");
        }
        this.secure = secure;
        this.user = user;
        this.password = password;
        this.host = host;
        this.port = port;
        this.parameters = parameters;
        this.headers = headers;
        this.source = null;
        this.userStart = 0;
        this.userEnd = 0;
        this.hostStart = 0;
        this.hostEnd = 0;
        this.parametersStart = 0;
        this.parametersEnd = 0;
        this.headersEnd = 0;
    }

    private SipUri(boolean secure, byte[] source, int userStart, int userEnd, int hostStart, int hostEnd, int port,
            int parametersStart, int parametersEnd, int headersEnd) {
        this.secure = secure;
        this.port = port;
        this.user = null;
        this.password = null;
        this.host = null;
        this.parameters = null;
        this.headers = null;
        this.source = source;
        this.userStart = userStart;
        this.userEnd = userEnd;
        this.hostStart = hostStart;
        this.hostEnd = hostEnd;
        this.parametersStart = parametersStart;
        this.parametersEnd = parametersEnd;
        this.headersEnd = headersEnd;
    }

    /**
     * Creates a URI from received bytes without checks. For the parser: {@code source} must never
     * change afterwards, and the ranges must hold what the SIP-URI grammar allows. The user is
     * {@code [userStart, userEnd)}, empty when the URI has no userinfo; when {@code userEnd} is a ':'
     * before the '@' at {@code hostStart - 1}, the password lies between them. The host is
     * {@code [hostStart, hostEnd)}, the ";"-parameters {@code [parametersStart, parametersEnd)} and
     * the "?"-headers {@code [parametersEnd, headersEnd)}.
     */
    public static SipUri fromWire(boolean secure, byte[] source, int userStart, int userEnd, int hostStart,
            int hostEnd, int port, int parametersStart, int parametersEnd, int headersEnd) {
        Objects.checkFromToIndex(userStart, headersEnd, source.length);
        if (!(userStart <= userEnd && userEnd <= hostStart && hostStart <= hostEnd && hostEnd <= parametersStart
                && parametersStart <= parametersEnd && parametersEnd <= headersEnd)) {
            throw new IllegalArgumentException("SIP URI offsets out of order");
        }
        return new SipUri(secure, source, userStart, userEnd, hostStart, hostEnd, port, parametersStart,
                parametersEnd, headersEnd);
    }

    public boolean secure() {
        return secure;
    }

    /** Returns the user part as written, or an empty string. */
    public String user() {
        if (source == null) {
            return user;
        }
        String value = decodedUser;
        if (value == null) {
            value = WireText.ascii(source, userStart, userEnd);
            decodedUser = value;
        }
        return value;
    }

    /** Returns the password as written, or an empty string. */
    public String password() {
        if (source == null) {
            return password;
        }
        int at = hostStart - 1;
        return userEnd < at ? WireText.ascii(source, userEnd + 1, at) : "";
    }

    /** Returns the host name, IPv4 address, or IPv6 reference with its brackets. */
    public String host() {
        if (source == null) {
            return host;
        }
        String value = decodedHost;
        if (value == null) {
            value = WireText.ascii(source, hostStart, hostEnd);
            decodedHost = value;
        }
        return value;
    }

    /** Returns the port, or -1 when the URI has none. */
    public int port() {
        return port;
    }

    /** Returns the URI parameters in order. */
    public List<Parameter> parameters() {
        if (source == null) {
            return parameters;
        }
        List<Parameter> value = decodedParameters;
        if (value == null) {
            value = WireParameters.uri(source, parametersStart, parametersEnd).toList();
            decodedParameters = value;
        }
        return value;
    }

    /** Returns the URI headers ({@code ?name=value&...}) in order. */
    public List<Parameter> headers() {
        if (source == null) {
            return headers;
        }
        return parametersEnd == headersEnd ? List.of() : WireParameters.uri(source, parametersEnd, headersEnd).toList();
    }

    /** Rejects a character that the wire form of this URI part needs %-escaped (RFC 3261 section 19.1.2). */
    private static void checkEscaped(String part, String value, boolean[] table) {
        int bad = SipChars.indexOfUnescaped(value, table);
        if (bad >= 0) {
            throw new IllegalArgumentException("SIP URI " + part + " '" + value + "' has '" + value.charAt(bad)
                    + "' at index " + bad + ", which must be %-escaped (or is a '%' not followed by two hex digits)");
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
        return SipChars.decodePercent(user());
    }

    /** Returns the password with %-escapes decoded as UTF-8. */
    public String decodedPassword() {
        return SipChars.decodePercent(password());
    }

    /** Returns the value of the first URI parameter with this name, compared without case. */
    public Optional<String> parameter(String name) {
        if (source == null) {
            return Parameter.valueOf(parameters, name);
        }
        return Optional.ofNullable(WireParameters.uri(source, parametersStart, parametersEnd).find(name));
    }

    /** Returns whether the URI has a parameter with this name, compared without case. */
    public boolean hasParameter(String name) {
        return parameter(name).isPresent();
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
        return new SipUri(secure, user(), password(), host(), port, Parameter.with(parameters(), parameter), headers());
    }

    /** Returns a copy without the parameters of this name. */
    public SipUri withoutParameter(String name) {
        return new SipUri(secure, user(), password(), host(), port, Parameter.without(parameters(), name), headers());
    }

    /** Returns a copy with another port, or -1 for none. */
    public SipUri withPort(int newPort) {
        return new SipUri(secure, user(), password(), host(), newPort, parameters(), headers());
    }

    /** Returns a copy without URI headers, as RFC 3261 section 19.1.5 requires before a URI becomes a Request-URI. */
    public SipUri withoutHeaders() {
        return new SipUri(secure, user(), password(), host(), port, parameters(), List.of());
    }

    @Override
    public String format() {
        StringBuilder out = new StringBuilder(48);
        appendTo(out);
        return out.toString();
    }

    /** Appends the canonical wire form to {@code out}, as {@link #format()} returns it. */
    void appendTo(StringBuilder out) {
        out.append(secure ? "sips:" : "sip:");
        String userPart = user();
        if (!userPart.isEmpty()) {
            out.append(userPart);
            String passwordPart = password();
            if (!passwordPart.isEmpty()) {
                out.append(':').append(passwordPart);
            }
            out.append('@');
        }
        out.append(host());
        if (port >= 0) {
            out.append(':').append(port);
        }
        if (source != null) {
            WireParameters.uri(source, parametersStart, parametersEnd).appendTo(out);
        } else {
            Parameter.appendAll(out, parameters);
        }
        List<Parameter> uriHeaders = headers();
        for (int i = 0; i < uriHeaders.size(); i++) {
            Parameter header = uriHeaders.get(i);
            out.append(i == 0 ? '?' : '&').append(header.name()).append('=').append(header.value());
        }
    }

    /**
     * Writes the UTF-8 bytes of {@link #format()} to {@code out}. A parsed URI copies its received
     * bytes without making strings.
     */
    void writeTo(ByteSink out) {
        if (source == null) {
            out.write(format());
            return;
        }
        out.write(secure ? "sips:" : "sip:");
        if (userStart < userEnd) {
            out.writeLatin1(source, userStart, userEnd);
            int at = hostStart - 1;
            if (userEnd + 1 < at) {
                out.write(':');
                out.writeLatin1(source, userEnd + 1, at);
            }
            out.write('@');
        }
        out.writeLatin1(source, hostStart, hostEnd);
        if (port >= 0) {
            out.write(':');
            out.writeDecimal(port);
        }
        WireParameters.writeUriParameters(out, source, parametersStart, parametersEnd);
        if (parametersEnd < headersEnd) {
            WireParameters.uri(source, parametersEnd, headersEnd).writeUriHeadersTo(out);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SipUri that && secure == that.secure && port == that.port
                && host().equals(that.host()) && user().equals(that.user()) && password().equals(that.password())
                && parameters().equals(that.parameters()) && headers().equals(that.headers());
    }

    @Override
    public int hashCode() {
        return Objects.hash(secure, user(), password(), host(), port, parameters(), headers());
    }

    @Override
    public String toString() {
        return format();
    }
}
