package io.parley.transport;

import java.util.Locale;
import java.util.Optional;

/** The transports Parley speaks, as named in the Via sent-protocol (RFC 3261 section 20.42). */
public enum Transport {
    UDP(false, 5060),
    TCP(true, 5060),
    TLS(true, 5061);

    private final boolean reliable;
    private final int defaultPort;

    Transport(boolean reliable, int defaultPort) {
        this.reliable = reliable;
        this.defaultPort = defaultPort;
    }

    /** Returns whether the transport delivers in order without loss, so requests are never retransmitted. */
    public boolean isReliable() {
        return reliable;
    }

    /** Returns the port used when a Via or URI has none (RFC 3261 section 19.1.2). */
    public int defaultPort() {
        return defaultPort;
    }

    /** Returns the transport for a Via transport token such as {@code udp}, compared without case. */
    public static Optional<Transport> fromViaName(String name) {
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "UDP" -> Optional.of(UDP);
            case "TCP" -> Optional.of(TCP);
            case "TLS" -> Optional.of(TLS);
            default -> Optional.empty();
        };
    }
}
