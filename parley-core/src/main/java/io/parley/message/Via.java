package io.parley.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One Via value (RFC 3261 section 20.42): sent-protocol, sent-by and parameters. A parsed Via keeps
 * offsets into the received bytes and makes its host and parameter strings when first read. Two
 * Vias are equal when every component is equal, however each was made.
 */
public final class Via {

    /** The branch prefix of RFC 3261 section 8.1.1.7. */
    public static final String MAGIC_COOKIE = "z9hG4bK";

    /** A range start for {@link #fromWire} that marks the parameter as absent. */
    public static final int ABSENT_RANGE = -1;
    /** A range start for {@link #fromWire} that leaves the parameter to be searched for when read. */
    public static final int UNKNOWN_RANGE = -2;

    private final String protocolName;
    private final String protocolVersion;
    private final String transport;
    private final int port;
    /** The received bytes of a parsed Via, or null for a built one. */
    private final byte[] source;
    private final int hostStart;
    private final int hostEnd;
    private final int parametersStart;
    private final int parametersEnd;
    /** The start and end of the branch value in source, as {@link #fromWire} describes. */
    private final int branchStart;
    private final int branchEnd;
    /** The host and parameters of a built Via; null for a parsed one, which makes them from source. */
    private final String host;
    private final List<Parameter> parameters;
    // Made from source on first read of a parsed Via; a race only makes the same value twice.
    private String decodedHost;
    private List<Parameter> decodedParameters;

    /**
     * Creates a Via.
     *
     * @param protocolName the protocol name, normally {@code SIP}
     * @param protocolVersion the protocol version, normally {@code 2.0}
     * @param transport the transport as written, such as {@code UDP}, {@code TLS} or an extension
     * @param host the sent-by host: a host name, IPv4 address, or IPv6 reference with brackets
     * @param port the sent-by port, or -1 when absent
     * @param parameters the via-params, such as {@code branch}, in order
     */
    public Via(String protocolName, String protocolVersion, String transport, String host, int port,
            List<Parameter> parameters) {
        Objects.requireNonNull(protocolName, "protocolName");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        parameters = List.copyOf(parameters);
        if (!SipChars.isToken(protocolName) || !SipChars.isToken(protocolVersion) || !SipChars.isToken(transport)) {
            throw new IllegalArgumentException("Via sent-protocol '" + protocolName + "/" + protocolVersion + "/"
                    + transport + "' is not token/token/token, such as SIP/2.0/UDP");
        }
        if (!SipChars.isHost(host)) {
            throw new IllegalArgumentException("Via sent-by host '" + host + "' is not a host name, IPv4 address "
                    + "or IPv6 reference; write an IPv6 address in brackets, such as [2001:db8::1]");
        }
        if (port < -1 || port > 65535) {
            throw new IllegalArgumentException("Via port " + port + " is out of range; use 0-65535 or -1 for none");
        }
        for (Parameter parameter : parameters) {
            if (parameter.is("branch") && parameter.value().isEmpty()) {
                throw new IllegalArgumentException("Via branch is empty; use " + MAGIC_COOKIE + " and a unique token");
            }
        }
        this.protocolName = protocolName;
        this.protocolVersion = protocolVersion;
        this.transport = transport;
        this.host = host;
        this.port = port;
        this.parameters = parameters;
        this.source = null;
        this.hostStart = 0;
        this.hostEnd = 0;
        this.parametersStart = 0;
        this.parametersEnd = 0;
        this.branchStart = UNKNOWN_RANGE;
        this.branchEnd = 0;
    }

    private Via(String protocolName, String protocolVersion, String transport, byte[] source, int hostStart,
            int hostEnd, int port, int parametersStart, int parametersEnd, int branchStart, int branchEnd) {
        this.protocolName = protocolName;
        this.protocolVersion = protocolVersion;
        this.transport = transport;
        this.port = port;
        this.host = null;
        this.parameters = null;
        this.source = source;
        this.hostStart = hostStart;
        this.hostEnd = hostEnd;
        this.parametersStart = parametersStart;
        this.parametersEnd = parametersEnd;
        this.branchStart = branchStart;
        this.branchEnd = branchEnd;
    }

    /**
     * Creates a Via whose host is {@code source[hostStart, hostEnd)} and whose parameters are the
     * header parameters in {@code source[parametersStart, parametersEnd)}, without checks. For the
     * parser: the ranges must hold what the via-parm grammar allows, and {@code source} must never
     * change afterwards. {@code [branchStart, branchEnd)} is the unquoted value of the first branch
     * parameter. A branchStart of {@link #ABSENT_RANGE} means there is none, and {@link #UNKNOWN_RANGE}
     * leaves {@link #branch()} to search the parameters.
     */
    public static Via fromWire(String protocolName, String protocolVersion, String transport, byte[] source,
            int hostStart, int hostEnd, int port, int parametersStart, int parametersEnd, int branchStart,
            int branchEnd) {
        Objects.checkFromToIndex(hostStart, hostEnd, source.length);
        Objects.checkFromToIndex(parametersStart, parametersEnd, source.length);
        checkParameterRange("branch", branchStart, branchEnd, source.length);
        return new Via(Objects.requireNonNull(protocolName), Objects.requireNonNull(protocolVersion),
                Objects.requireNonNull(transport), source, hostStart, hostEnd, port, parametersStart, parametersEnd,
                branchStart, branchEnd);
    }

    /**
     * Checks that the branch or tag value range given to a {@code fromWire} method starts with
     * {@link #ABSENT_RANGE}, {@link #UNKNOWN_RANGE} or an offset of a range within the source.
     */
    static void checkParameterRange(String parameter, int start, int end, int sourceLength) {
        if (start == ABSENT_RANGE || start == UNKNOWN_RANGE) {
            return;
        }
        if (start < 0) {
            throw new IllegalArgumentException(parameter + " range start " + start
                    + " is invalid; use Via.ABSENT_RANGE, Via.UNKNOWN_RANGE or an offset into source");
        }
        Objects.checkFromToIndex(start, end, sourceLength);
    }

    public String protocolName() {
        return protocolName;
    }

    public String protocolVersion() {
        return protocolVersion;
    }

    public String transport() {
        return transport;
    }

    public String host() {
        if (host != null) {
            return host;
        }
        String value = decodedHost;
        if (value == null) {
            value = WireText.ascii(source, hostStart, hostEnd);
            decodedHost = value;
        }
        return value;
    }

    public int port() {
        return port;
    }

    public List<Parameter> parameters() {
        if (parameters != null) {
            return parameters;
        }
        List<Parameter> value = decodedParameters;
        if (value == null) {
            value = WireParameters.header(source, parametersStart, parametersEnd).toList();
            decodedParameters = value;
        }
        return value;
    }

    /** Creates {@code SIP/2.0/transport host:port;branch=branch}; a port of -1 writes none. */
    public static Via of(String transport, String host, int port, String branch) {
        return new Via("SIP", "2.0", transport, host, port, List.of(new Parameter("branch", branch)));
    }

    /** Returns the {@code branch} parameter. */
    public Optional<String> branch() {
        if (source == null || branchStart == UNKNOWN_RANGE) {
            return parameter("branch");
        }
        return branchStart == ABSENT_RANGE ? Optional.empty() : Optional.of(WireText.ascii(source, branchStart, branchEnd));
    }

    /** Returns whether the branch starts with the RFC 3261 magic cookie {@code z9hG4bK}. */
    public boolean hasRfc3261Branch() {
        return branch().map(b -> b.startsWith(MAGIC_COOKIE)).orElse(false);
    }

    /** Returns the {@code received} parameter as written, with or without IPv6 brackets (RFC 5118 section 4.5). */
    public Optional<String> received() {
        return parameter("received");
    }

    /** Returns whether the {@code rport} parameter is present, with or without a value (RFC 3581). */
    public boolean hasRport() {
        return parameter("rport").isPresent();
    }

    /** Returns the value of {@code rport}; empty when absent or written without a value. */
    public OptionalInt rport() {
        return intParameter("rport");
    }

    /** Returns the {@code maddr} parameter. */
    public Optional<String> maddr() {
        return parameter("maddr");
    }

    /** Returns the {@code ttl} parameter (0-255). */
    public OptionalInt ttl() {
        return intParameter("ttl");
    }

    /** Returns the value of the first parameter with this name, compared without case. */
    public Optional<String> parameter(String name) {
        if (source == null) {
            return Parameter.valueOf(parameters, name);
        }
        return Optional.ofNullable(WireParameters.header(source, parametersStart, parametersEnd).find(name));
    }

    /** Returns a copy with this parameter set, replacing one of the same name. */
    public Via withParameter(Parameter parameter) {
        return new Via(protocolName, protocolVersion, transport, host(), port,
                Parameter.with(parameters(), parameter));
    }

    /** Returns a copy with {@code received} set to this address (RFC 3261 section 18.2.1). */
    public Via withReceived(String address) {
        return withParameter(new Parameter("received", address));
    }

    /** Returns a copy with {@code rport} set to this port (RFC 3581 section 4). */
    public Via withRport(int rportValue) {
        return withParameter(new Parameter("rport", Integer.toString(rportValue)));
    }

    /** Returns the canonical wire form, such as {@code SIP/2.0/UDP host:5060;branch=z9hG4bK1}. */
    public String format() {
        StringBuilder out = new StringBuilder(64);
        appendTo(out);
        return out.toString();
    }

    /** Appends the canonical wire form to {@code out}, as {@link #format()} returns it. */
    void appendTo(StringBuilder out) {
        out.append(protocolName).append('/').append(protocolVersion).append('/').append(transport)
                .append(' ').append(host());
        if (port >= 0) {
            out.append(':').append(port);
        }
        if (source != null) {
            WireParameters.header(source, parametersStart, parametersEnd).appendTo(out);
        } else {
            Parameter.appendAll(out, parameters);
        }
    }

    /**
     * Writes the UTF-8 bytes of {@link #format()} to {@code out}. A parsed Via copies its host and
     * parameters from the received bytes without making strings.
     */
    void writeTo(ByteSink out) {
        if (source == null) {
            out.write(format());
            return;
        }
        out.write(protocolName);
        out.write('/');
        out.write(protocolVersion);
        out.write('/');
        out.write(transport);
        out.write(' ');
        out.writeLatin1(source, hostStart, hostEnd);
        if (port >= 0) {
            out.write(':');
            out.writeDecimal(port);
        }
        WireParameters.writeHeaderParameters(out, source, parametersStart, parametersEnd);
    }

    private OptionalInt intParameter(String name) {
        Optional<String> value = parameter(name);
        if (value.isEmpty() || value.get().isEmpty() || value.get().length() > 9) {
            return OptionalInt.empty();
        }
        int result = 0;
        for (char c : value.get().toCharArray()) {
            if (c < '0' || c > '9') {
                return OptionalInt.empty();
            }
            result = result * 10 + (c - '0');
        }
        return OptionalInt.of(result);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Via that && port == that.port && protocolName.equals(that.protocolName)
                && protocolVersion.equals(that.protocolVersion) && transport.equals(that.transport)
                && host().equals(that.host()) && parameters().equals(that.parameters());
    }

    @Override
    public int hashCode() {
        return Objects.hash(protocolName, protocolVersion, transport, host(), port, parameters());
    }

    @Override
    public String toString() {
        return format();
    }
}
