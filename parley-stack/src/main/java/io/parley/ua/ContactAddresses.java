package io.parley.ua;

import io.parley.message.Contact;
import io.parley.message.NameAddress;
import io.parley.message.Parameter;
import io.parley.message.SipUri;
import io.parley.message.Via;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Builds our Contact from the local endpoint, corrects it from responses, and finds it among bindings. */
final class ContactAddresses {

    private ContactAddresses() {
    }

    /** Returns {@code <sip:user@host:port>}, with {@code ;transport=} for every transport but UDP. */
    static Contact contactFor(String user, LocalEndpoint endpoint) {
        List<Parameter> parameters = endpoint.transport().equals("UDP")
                ? List.of()
                : List.of(new Parameter("transport", endpoint.transport().toLowerCase(Locale.ROOT)));
        SipUri uri = new SipUri(false, user, "", endpoint.host(), endpoint.port(), parameters, List.of());
        return Contact.of(NameAddress.of(uri));
    }

    /**
     * Returns the endpoint as the registrar saw it: the {@code received} and {@code rport} of the
     * top Via of a response (RFC 3261 section 18.2.1, RFC 3581 section 4), or empty when the
     * response reports neither.
     */
    static Optional<LocalEndpoint> observedBy(Via topVia, LocalEndpoint current) {
        Optional<String> received = topVia.received().filter(host -> !host.isEmpty());
        boolean hasRportValue = topVia.rport().isPresent();
        if (received.isEmpty() && !hasRportValue) {
            return Optional.empty();
        }
        String host = received.map(ContactAddresses::bracketIpv6).orElse(current.host());
        int port = hasRportValue ? topVia.rport().getAsInt() : current.port();
        if (port < 1 || port > 65535) {
            return Optional.empty();
        }
        return Optional.of(current.withAddress(host, port));
    }

    /** Returns our binding among {@code contacts}, compared as RFC 3261 section 19.1.4 compares URIs. */
    static Optional<Contact> findOwn(List<Contact> contacts, Contact own) {
        for (Contact contact : contacts) {
            if (!contact.isWildcard() && sameAddress(contact, own)) {
                return Optional.of(contact);
            }
        }
        return Optional.empty();
    }

    /** Returns our Contact without an {@code expires} parameter, as an unregister sends it. */
    static Contact withoutExpires(Contact contact) {
        return contact.optionalAddress().map(address -> Contact.of(address.withoutParameter("expires")))
                .orElse(contact);
    }

    /**
     * Compares scheme, user, host (without case), port (5060 or 5061 when absent) and transport
     * (udp when absent). Other URI parameters are not compared: registrars add some of their own.
     */
    private static boolean sameAddress(Contact candidate, Contact own) {
        if (!(candidate.address().uri() instanceof SipUri theirs) || !(own.address().uri() instanceof SipUri ours)) {
            return false;
        }
        return theirs.secure() == ours.secure()
                && theirs.user().equals(ours.user())
                && theirs.host().equalsIgnoreCase(ours.host())
                && portOf(theirs) == portOf(ours)
                && transportOf(theirs).equals(transportOf(ours));
    }

    private static int portOf(SipUri uri) {
        if (uri.port() >= 0) {
            return uri.port();
        }
        return uri.secure() || transportOf(uri).equals("tls") ? 5061 : 5060;
    }

    private static String transportOf(SipUri uri) {
        return uri.transport().map(t -> t.toLowerCase(Locale.ROOT)).orElse("udp");
    }

    private static String bracketIpv6(String host) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
    }
}
