package io.parley.message;

import java.util.Objects;

/**
 * One Warning value (RFC 3261 section 20.43): a three-digit code, the agent that added it and a text.
 *
 * @param code the warn-code, 100 to 999
 * @param agent the warn-agent: a host[:port] or a pseudonym token
 * @param text the warn-text with quotes removed and quoted-pairs decoded
 */
public record Warning(int code, String agent, String text) {

    public Warning {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(text, "text");
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("warn-code " + code + " is not three digits");
        }
        if (agent.isEmpty()) {
            throw new IllegalArgumentException("warn-agent is empty");
        }
        for (int i = 0; i < agent.length(); i++) {
            char c = agent.charAt(i);
            if (c <= ' ' || c == '"' || c >= 0x7F) {
                throw new IllegalArgumentException("warn-agent '" + agent + "' contains whitespace, '\"', a control "
                        + "or a non-ASCII character; use a host, host:port or token");
            }
        }
    }

    /** Returns the wire form, such as {@code 399 example.com "text"}. */
    public String format() {
        StringBuilder out = new StringBuilder(16 + agent.length() + text.length());
        out.append(code).append(' ').append(agent).append(' ');
        SipChars.appendQuoted(out, text);
        return out.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
