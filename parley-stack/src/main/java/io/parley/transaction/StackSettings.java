package io.parley.transaction;

import io.parley.transport.TransportSettings;
import java.util.Objects;

/**
 * Settings of a {@link SipStack}.
 *
 * @param timers the transaction timer base values
 * @param transport the transport settings: parser limits, keep-alive, TLS
 */
public record StackSettings(TimerSettings timers, TransportSettings transport) {

    /** RFC 3261 timer defaults and default transport settings. */
    public static final StackSettings DEFAULTS = new StackSettings(TimerSettings.DEFAULTS, TransportSettings.DEFAULTS);

    public StackSettings {
        Objects.requireNonNull(timers, "timers");
        Objects.requireNonNull(transport, "transport");
    }

    public StackSettings withTimers(TimerSettings timerSettings) {
        return new StackSettings(timerSettings, transport);
    }

    public StackSettings withTransport(TransportSettings transportSettings) {
        return new StackSettings(timers, transportSettings);
    }
}
