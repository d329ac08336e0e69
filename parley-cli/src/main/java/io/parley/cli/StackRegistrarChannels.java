package io.parley.cli;

import java.io.IOException;

/** Opens registrar channels on Parley's Netty transports and transaction layer. */
final class StackRegistrarChannels {

    private StackRegistrarChannels() {
    }

    static RegistrarChannels.OpenChannel open(RegistrarChannels.Settings settings) throws IOException {
        throw new IOException("the SIP transports are not part of this build yet");
    }
}
