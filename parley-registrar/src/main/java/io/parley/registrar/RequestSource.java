package io.parley.registrar;

import java.util.Locale;
import java.util.Objects;

/**
 * The origin of a request: the address and port of the packet or connection, and its transport.
 *
 * @param host the source IP address as text, IPv6 without brackets
 * @param port the source port
 * @param transport the transport name, such as {@code UDP}, {@code TCP} or {@code TLS}
 */
public record RequestSource(String host, int port, String transport) {

    public RequestSource {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("source port " + port + " is out of range 0-65535");
        }
        transport = transport.toUpperCase(Locale.ROOT);
    }

    /** Returns {@code host:port}, with brackets around an IPv6 host, as the location store keeps it. */
    public String address() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }

    @Override
    public String toString() {
        return address() + "/" + transport;
    }
}
