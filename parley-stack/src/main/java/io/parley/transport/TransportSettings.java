package io.parley.transport;

import io.parley.parser.ParserLimits;
import java.time.Duration;
import java.util.Objects;

/**
 * Settings of the Netty transports.
 *
 * @param limits the parser limits for every inbound message
 * @param keepAliveInterval how often a CRLFCRLF ping goes out on each TCP or TLS connection we
 *     opened (RFC 5626 section 3.5.1); zero turns pings off. Default 90 s, within the 95-120 s that
 *     RFC 5626 section 4.4.1 recommends for TCP, so NAT bindings stay open
 * @param connectTimeout how long a TCP or TLS connect may take. Default 10 s
 * @param tls key and trust material for TLS
 */
public record TransportSettings(ParserLimits limits, Duration keepAliveInterval, Duration connectTimeout,
        TlsSettings tls) {

    /** Default limits, 90 s keep-alive, 10 s connect timeout, default TLS trust. */
    public static final TransportSettings DEFAULTS = new TransportSettings(ParserLimits.DEFAULTS,
            Duration.ofSeconds(90), Duration.ofSeconds(10), TlsSettings.defaults());

    public TransportSettings {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(tls, "tls");
        if (keepAliveInterval.isNegative()) {
            throw new IllegalArgumentException("keep-alive interval " + keepAliveInterval + " is negative; use 0 to turn pings off");
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout " + connectTimeout + " must be positive");
        }
    }

    public TransportSettings withKeepAliveInterval(Duration interval) {
        return new TransportSettings(limits, interval, connectTimeout, tls);
    }

    public TransportSettings withTls(TlsSettings tlsSettings) {
        return new TransportSettings(limits, keepAliveInterval, connectTimeout, tlsSettings);
    }
}
