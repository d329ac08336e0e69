package io.parley.ua;

import java.util.Locale;
import java.util.Objects;

/**
 * The local transport address requests to the registrar leave from: the sent-by of Via and the
 * address of our Contact.
 *
 * @param transport the transport as written in Via: {@code UDP}, {@code TCP} or {@code TLS}
 * @param host the local host name or IP address; an IPv6 address with its brackets
 * @param port the local port, 1 to 65535
 */
public record LocalEndpoint(String transport, String host, int port) {

    public LocalEndpoint {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(host, "host");
        transport = transport.toUpperCase(Locale.ROOT);
        if (host.isEmpty()) {
            throw new IllegalArgumentException("local host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("local port " + port + " is out of range; use 1-65535");
        }
    }

    /** Returns a copy with the host and port a registrar saw in {@code received} and {@code rport}. */
    public LocalEndpoint withAddress(String newHost, int newPort) {
        return new LocalEndpoint(transport, newHost, newPort);
    }
}
