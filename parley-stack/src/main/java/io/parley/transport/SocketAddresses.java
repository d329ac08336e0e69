package io.parley.transport;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** Formats socket addresses the way SIP writes them, with IPv6 addresses in brackets (RFC 5118). */
public final class SocketAddresses {

    private SocketAddresses() {
    }

    /** Returns the host part for a Via sent-by or URI: {@code 192.0.2.1} or {@code [2001:db8::1]}. */
    public static String host(InetAddress address) {
        String text = address.getHostAddress();
        int zone = text.indexOf('%');
        if (zone >= 0) {
            text = text.substring(0, zone);
        }
        return address instanceof Inet6Address ? "[" + text + "]" : text;
    }

    /** Returns {@code host:port} with an IPv6 host in brackets. */
    public static String format(InetSocketAddress address) {
        if (address.isUnresolved()) {
            return address.getHostString() + ":" + address.getPort();
        }
        return host(address.getAddress()) + ":" + address.getPort();
    }

    /** Returns the address without IPv6 brackets, as {@link InetAddress} parsing expects it. */
    public static String stripBrackets(String host) {
        if (host.length() >= 2 && host.charAt(0) == '[' && host.charAt(host.length() - 1) == ']') {
            return host.substring(1, host.length() - 1);
        }
        return host;
    }
}
