package io.parley.registrar;

import io.parley.auth.ServerConfig;

/** The strictness of digest verification, modelled on registrars found in the wild. */
public enum Profile {
    /**
     * qop is required when offered, so an RFC 2069 answer to a qop challenge gets 403 with a Warning
     * that names the reason, as the registrar in the original bug report did.
     */
    STRICT(ServerConfig.Policy.STRICT),
    /**
     * An RFC 2069 answer to a qop challenge is checked in that form and accepted when right, as Kamailio
     * does by default. NOTE: nc replay is still rejected for answers with qop, unlike Kamailio's default.
     */
    LENIENT(ServerConfig.Policy.LENIENT);

    private final ServerConfig.Policy policy;

    Profile(ServerConfig.Policy policy) {
        this.policy = policy;
    }

    /** Returns the digest server policy of this profile. */
    public ServerConfig.Policy policy() {
        return policy;
    }
}
