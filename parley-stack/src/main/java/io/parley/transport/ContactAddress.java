package io.parley.transport;

import io.parley.message.SipResponse;
import io.parley.message.Via;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * Our address as a response shows it, for building a Contact: the top Via of a response is the one
 * we sent, with the sent-by we wrote and the {@code received} and {@code rport} the server saw
 * (RFC 3581 section 4).
 *
 * @param transport the transport the request went over
 * @param sentBy the sent-by we wrote: our listener or connection address
 * @param observed the address the server saw the request come from: {@code received} and
 *     {@code rport} when present, else the sent-by; differs from sent-by behind a NAT
 */
public record ContactAddress(Transport transport, InetSocketAddress sentBy, InetSocketAddress observed) {

    public ContactAddress {
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(sentBy, "sentBy");
        Objects.requireNonNull(observed, "observed");
    }

    /**
     * Reads the addresses from a response's top Via. The result is empty when the Via names a
     * transport Parley does not speak, or a host that is not an IP address.
     */
    public static Optional<ContactAddress> of(SipResponse response) {
        Optional<Via> found = response.topVia();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Via via = found.get();
        Optional<Transport> transport = Transport.fromViaName(via.transport());
        InetAddress host = ViaRules.ipLiteral(via.host());
        if (transport.isEmpty() || host == null) {
            return Optional.empty();
        }
        int port = via.port() >= 0 ? via.port() : transport.get().defaultPort();
        InetSocketAddress sentBy = new InetSocketAddress(host, port);
        InetAddress observedHost = via.received().map(ViaRules::ipLiteral).orElse(host);
        if (observedHost == null) {
            observedHost = host;
        }
        InetSocketAddress observed = new InetSocketAddress(observedHost, via.rport().orElse(port));
        return Optional.of(new ContactAddress(transport.get(), sentBy, observed));
    }

    /** Returns whether the server saw another address than the one we wrote, as behind a NAT. */
    public boolean isTranslated() {
        return !sentBy.equals(observed);
    }
}
