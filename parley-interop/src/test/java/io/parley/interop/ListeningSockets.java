package io.parley.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Reads the kernel's socket tables ({@code /proc/net/udp} and {@code /proc/net/tcp}, Linux only)
 * to tell whether some process listens on a loopback port. This works for UDP too, where a probe
 * datagram could not tell a bound socket from a silent one.
 */
final class ListeningSockets {

    /** {@code 127.0.0.1} as the kernel prints it: the IPv4 address in host byte order, in hex. */
    private static final String LOOPBACK_HEX = "0100007F";
    private static final String ANY_HEX = "00000000";

    /** State column of a listening TCP socket (TCP_LISTEN); bound UDP sockets show 07. */
    private static final String TCP_LISTEN = "0A";

    private ListeningSockets() {
    }

    /** Returns whether a socket listens on 127.0.0.1 (or every address) and {@code port}. */
    static boolean isListening(Transport transport, int port) {
        boolean udp = transport == Transport.UDP;
        Path table = Path.of(udp ? "/proc/net/udp" : "/proc/net/tcp");
        String portHex = String.format(Locale.ROOT, "%04X", port);

        for (String line : readLines(table)) {
            String[] columns = line.trim().split("\\s+");
            if (columns.length < 4 || !columns[1].endsWith(":" + portHex)) {
                continue;
            }
            String address = columns[1].substring(0, columns[1].indexOf(':'));
            boolean loopback = address.equals(LOOPBACK_HEX) || address.equals(ANY_HEX);
            if (loopback && (udp || columns[3].equals(TCP_LISTEN))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> readLines(Path table) {
        try {
            return Files.readAllLines(table);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + table + "; the interop tests need Linux's /proc", e);
        }
    }
}
