package io.parley.registrar;

import java.util.Locale;
import java.util.Objects;

/**
 * A transport, address and port for the registrar to listen on, written
 * {@code transport:host[:port]}, such as {@code udp:127.0.0.1:5060} or {@code tls:[::1]:5061}.
 *
 * @param transport {@code UDP}, {@code TCP} or {@code TLS}
 * @param host an IP address or host name, IPv6 without brackets
 * @param port the port, 0 for one the operating system chooses
 */
public record ListenAddress(String transport, String host, int port) {

    /** The default ports of RFC 3261 section 19.1.2: 5060 for UDP and TCP, 5061 for TLS. */
    private static final int SIP_PORT = 5060;
    private static final int SIPS_PORT = 5061;

    public ListenAddress {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range; use 0 to 65535");
        }
    }

    /**
     * Parses {@code transport:host[:port]}.
     *
     * @throws IllegalArgumentException naming the value and the expected form when it is invalid
     */
    public static ListenAddress parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw invalid(text, "it has no transport");
        }
        String transport = text.substring(0, colon).toUpperCase(Locale.ROOT);
        if (!transport.equals("UDP") && !transport.equals("TCP") && !transport.equals("TLS")) {
            throw invalid(text, "transport " + text.substring(0, colon) + " is not udp, tcp or tls");
        }
        String hostPort = text.substring(colon + 1);
        String host;
        String portText;
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw invalid(text, "the IPv6 address has no closing ']'");
            }
            host = hostPort.substring(1, close);
            String rest = hostPort.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw invalid(text, "':' must follow the IPv6 address");
            }
            portText = rest.isEmpty() ? null : rest.substring(1);
        } else {
            int portColon = hostPort.lastIndexOf(':');
            if (portColon >= 0 && hostPort.indexOf(':') != portColon) {
                throw invalid(text, "an IPv6 address needs brackets, such as tcp:[::1]:5060");
            }
            host = portColon < 0 ? hostPort : hostPort.substring(0, portColon);
            portText = portColon < 0 ? null : hostPort.substring(portColon + 1);
        }
        if (host.isEmpty()) {
            throw invalid(text, "the address is empty");
        }
        int defaultPort = transport.equals("TLS") ? SIPS_PORT : SIP_PORT;
        return new ListenAddress(transport, host, portText == null ? defaultPort : parsePort(text, portText));
    }

    private static int parsePort(String text, String portText) {
        if (portText.isEmpty() || portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw invalid(text, "port \"" + portText + "\" is not a number from 0 to 65535");
        }
        int port = Integer.parseInt(portText);
        if (port > 65535) {
            throw invalid(text, "port " + port + " is above 65535");
        }
        return port;
    }

    private static IllegalArgumentException invalid(String text, String problem) {
        return new IllegalArgumentException("listen address \"" + text + "\" is invalid: " + problem
                + "; expected transport:address[:port], such as udp:127.0.0.1:5060 or tls:[::1]:5061");
    }

    /** Returns the form {@link #parse} reads. */
    @Override
    public String toString() {
        String shownHost = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
        return transport.toLowerCase(Locale.ROOT) + ":" + shownHost + ":" + port;
    }
}
