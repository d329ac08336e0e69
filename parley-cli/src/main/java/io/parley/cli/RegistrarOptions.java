package io.parley.cli;

import io.parley.auth.DigestAlgorithm;
import io.parley.auth.Qop;
import io.parley.registrar.AuthenticationConfig;
import io.parley.registrar.ListenAddress;
import io.parley.registrar.Profile;
import io.parley.registrar.RegistrarConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Option;

/** The options of {@code parley registrar} and their translation into the registrar's settings. */
final class RegistrarOptions {

    /** The realm when neither --realm nor --domain is given. */
    static final String DEFAULT_REALM = "parley";
    /** The store directory when --store is not given, relative to the working directory. */
    static final Path DEFAULT_STORE = Path.of("parley-registrar-store");

    @Option(names = "--listen", paramLabel = "T:ADDR[:PORT]",
            description = "Transport, address and port to listen on, such as udp:127.0.0.1:5060, tcp:127.0.0.1:5060 "
                    + "or tls:[::1]:5061; repeat for several. Default udp:127.0.0.1:5060.")
    List<String> listen = new ArrayList<>();

    @Option(names = "--domain", paramLabel = "D",
            description = "Domain served; repeat for several. Without it every domain is served.")
    List<String> domains = new ArrayList<>();

    @Option(names = "--users", paramLabel = "FILE",
            description = "Users file written by 'parley registrar add-user'. Without it no REGISTER is authenticated.")
    Path usersFile;

    @Option(names = "--realm", paramLabel = "R",
            description = "Digest realm; default the first --domain, else " + DEFAULT_REALM + ".")
    String realm;

    @Option(names = "--profile", paramLabel = "strict|lenient", defaultValue = "strict",
            description = "strict responds 403 with a Warning to a digest response without qop after a qop challenge; "
                    + "lenient accepts it. Default ${DEFAULT-VALUE}.")
    String profile;

    @Option(names = "--algorithms", paramLabel = "LIST", defaultValue = "SHA-256,MD5",
            description = "Digest algorithms offered, one challenge each, strongest first. Default ${DEFAULT-VALUE}.")
    String algorithms;

    @Option(names = "--qop", paramLabel = "auth|auth,auth-int|none", defaultValue = "auth",
            description = "qop offered in challenges; none asks for RFC 2069 answers. Default ${DEFAULT-VALUE}.")
    String qop;

    @Option(names = "--challenge", paramLabel = "401|407", defaultValue = "401",
            description = "401 challenges with WWW-Authenticate, 407 with Proxy-Authenticate. Default ${DEFAULT-VALUE}.")
    int challengeStatus;

    @Option(names = "--nonce-lifetime", paramLabel = "SECONDS", defaultValue = "300",
            description = "Seconds a nonce is accepted; a right answer with an older nonce gets a new challenge "
                    + "with stale=true. Default ${DEFAULT-VALUE}.")
    long nonceLifetimeSeconds;

    @Option(names = "--nonce-max-uses", paramLabel = "N", defaultValue = "0",
            description = "Requests one nonce may authenticate before the registrar rotates it with a new challenge "
                    + "without stale; 0 never rotates. Default ${DEFAULT-VALUE}.")
    int nonceMaxUses;

    @Option(names = "--max-auth-failures", paramLabel = "N", defaultValue = "5",
            description = "Failed authentications from one source address within --failure-window after which that "
                    + "address gets 403 until the window ends. Default ${DEFAULT-VALUE}.")
    int maxAuthFailures;

    @Option(names = "--failure-window", paramLabel = "SECONDS", defaultValue = "300",
            description = "Length of the window for --max-auth-failures, in seconds. Default ${DEFAULT-VALUE}.")
    long failureWindowSeconds;

    @Option(names = "--expires", paramLabel = "DEFAULT,MIN,MAX", defaultValue = "3600,60,86400",
            description = "Binding expiry in seconds: the default when a REGISTER names none, the minimum below "
                    + "which it gets 423, and the maximum granted. Default ${DEFAULT-VALUE}.")
    String expiry;

    @Option(names = "--store", paramLabel = "DIR",
            description = "Directory of the SQLite location store, created when missing. Default ./parley-registrar-store.")
    Path store;

    @Option(names = "--trace", description = "Print every message received and sent, with secrets masked.")
    boolean trace;

    /**
     * Returns the addresses to listen on.
     *
     * @throws IllegalArgumentException naming the invalid value
     */
    List<ListenAddress> listenAddresses() {
        if (listen.isEmpty()) {
            return List.of(ListenAddress.parse("udp:127.0.0.1:5060"));
        }
        List<ListenAddress> addresses = new ArrayList<>();
        for (String text : listen) {
            addresses.add(ListenAddress.parse(text));
        }
        return addresses;
    }

    /** Returns the realm: --realm, else the first --domain, else {@value #DEFAULT_REALM}. */
    String effectiveRealm() {
        if (realm != null) {
            return realm;
        }
        return domains.isEmpty() ? DEFAULT_REALM : domains.get(0);
    }

    /** Returns the store directory. */
    Path storeDirectory() {
        return store == null ? DEFAULT_STORE : store;
    }

    /**
     * Returns the registrar configuration, with authentication when {@code authenticate} is true.
     *
     * @throws IllegalArgumentException naming the invalid option value
     */
    RegistrarConfig config(boolean authenticate) {
        RegistrarConfig config = RegistrarConfig.open()
                .withDomains(new LinkedHashSet<>(domains))
                .withExpiry(parseExpiry(expiry))
                .withGuessingLimit(guessingLimit());
        if (!authenticate) {
            return config;
        }
        AuthenticationConfig authentication = AuthenticationConfig.defaults(effectiveRealm())
                .withProfile(parseProfile(profile))
                .withAlgorithms(parseAlgorithms(algorithms))
                .withQopOptions(parseQop(qop))
                .withChallengeStatus(parseChallengeStatus(challengeStatus))
                .withNonceLifetime(positiveSeconds("--nonce-lifetime", nonceLifetimeSeconds))
                .withNonceMaxUses(nonceMaxUses(nonceMaxUses));
        return config.withAuthentication(authentication);
    }

    private RegistrarConfig.GuessingLimit guessingLimit() {
        if (maxAuthFailures < 1) {
            throw new IllegalArgumentException("--max-auth-failures " + maxAuthFailures + " is invalid; use 1 or more");
        }
        return new RegistrarConfig.GuessingLimit(maxAuthFailures, positiveSeconds("--failure-window", failureWindowSeconds));
    }

    static RegistrarConfig.Expiry parseExpiry(String text) {
        String[] parts = text.split(",", -1);
        String expected = "; expected DEFAULT,MIN,MAX in seconds with 1 <= MIN <= DEFAULT <= MAX, such as 3600,60,86400";
        if (parts.length != 3) {
            throw new IllegalArgumentException("--expires \"" + text + "\" is invalid" + expected);
        }
        try {
            return new RegistrarConfig.Expiry(Long.parseLong(parts[0].strip()), Long.parseLong(parts[1].strip()),
                    Long.parseLong(parts[2].strip()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--expires \"" + text + "\" is invalid" + expected, e);
        }
    }

    private static Duration positiveSeconds(String option, long seconds) {
        if (seconds < 1) {
            throw new IllegalArgumentException(option + " " + seconds + " is invalid; use 1 second or more");
        }
        return Duration.ofSeconds(seconds);
    }

    private static int nonceMaxUses(int uses) {
        if (uses < 0) {
            throw new IllegalArgumentException("--nonce-max-uses " + uses + " is invalid; use 0 to never rotate, or more");
        }
        return uses;
    }

    static Profile parseProfile(String text) {
        return switch (text.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "strict" -> Profile.STRICT;
            case "lenient" -> Profile.LENIENT;
            default -> throw new IllegalArgumentException("--profile \"" + text + "\" is invalid; use strict or lenient");
        };
    }

    static List<DigestAlgorithm> parseAlgorithms(String text) {
        List<DigestAlgorithm> result = new ArrayList<>();
        for (String name : text.split(",", -1)) {
            Optional<DigestAlgorithm> algorithm = name.isBlank() ? Optional.empty()
                    : DigestAlgorithm.fromParameter(Optional.of(name.strip()));
            if (algorithm.isEmpty()) {
                throw new IllegalArgumentException("--algorithms names unknown algorithm \"" + name.strip()
                        + "\"; use a comma-separated list of " + Arrays.stream(DigestAlgorithm.values())
                        .map(DigestAlgorithm::ianaName).toList());
            }
            result.add(algorithm.get());
        }
        return result;
    }

    static Set<Qop> parseQop(String text) {
        if (text.strip().equalsIgnoreCase("none")) {
            return Set.of();
        }
        Set<Qop> result = EnumSet.noneOf(Qop.class);
        for (String token : text.split(",", -1)) {
            Optional<Qop> qop = Qop.fromToken(token);
            if (qop.isEmpty()) {
                throw new IllegalArgumentException("--qop \"" + text + "\" is invalid; use auth, auth,auth-int, auth-int or none");
            }
            result.add(qop.get());
        }
        return result;
    }

    static int parseChallengeStatus(int status) {
        if (status != 401 && status != 407) {
            throw new IllegalArgumentException("--challenge " + status + " is invalid; use 401 or 407");
        }
        return status;
    }
}
