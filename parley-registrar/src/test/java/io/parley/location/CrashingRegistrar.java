package io.parley.location;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The child JVM of {@link SqliteCrashTest}: registers one new binding after another in an SQLite
 * store until it is killed, and prints {@code ACK n} after call {@code n} returned, which is the
 * moment a registrar would send 200.
 *
 * <p>Arguments: the store directory and the request time in epoch milliseconds.
 */
public final class CrashingRegistrar {

    static final String ACK = "ACK ";
    static final int AOR_COUNT = 20;

    private CrashingRegistrar() {}

    public static void main(String[] args) {
        Path directory = Path.of(args[0]);
        Instant now = Instant.ofEpochMilli(Long.parseLong(args[1]));
        try (SqliteLocationStore store = SqliteLocationStore.open(directory)) {
            for (int n = 0; ; n++) {
                RegisterResult result = store.register(request(n, now));
                if (!(result instanceof RegisterResult.Applied)) {
                    throw new IllegalStateException("request " + n + " was not applied: " + result);
                }
                System.out.println(ACK + n);
                System.out.flush();
            }
        }
    }

    static String aor(int n) {
        return "sip:user" + (n % AOR_COUNT) + "@example.com";
    }

    static String contact(int n) {
        return "sip:user" + (n % AOR_COUNT) + "@127.0.0.1:" + (10000 + n);
    }

    static RegisterRequest request(int n, Instant now) {
        ContactChange change = ContactChange.add(contact(n), 3600, null);
        return new RegisterRequest(aor(n), "crash-" + n, 1, new RegisterRequest.Contacts(List.of(change)),
                "127.0.0.1:5062", "UDP", null, now, Integer.MAX_VALUE);
    }
}
