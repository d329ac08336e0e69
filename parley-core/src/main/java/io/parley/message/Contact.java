package io.parley.message;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One Contact value: an address with {@code expires} and {@code q} parameters, or the wildcard
 * {@code *} a REGISTER uses to remove all bindings (RFC 3261 section 10.2.2).
 *
 * @param address the address, or null for the wildcard
 */
public record Contact(NameAddress address) {

    /** The wildcard {@code Contact: *}. */
    public static final Contact WILDCARD = new Contact(null);

    /** Creates a contact for an address. */
    public static Contact of(NameAddress address) {
        return new Contact(java.util.Objects.requireNonNull(address, "address"));
    }

    /** Returns whether this is the wildcard {@code *}. */
    public boolean isWildcard() {
        return address == null;
    }

    /** Returns the address, empty for the wildcard. */
    public Optional<NameAddress> optionalAddress() {
        return Optional.ofNullable(address);
    }

    /**
     * Returns the {@code expires} parameter in seconds; empty when absent or not a number. The parser
     * rejects values above 2^32-1 (RFC 3261 section 20.10 delta-seconds).
     */
    public OptionalLong expires() {
        if (address == null) {
            return OptionalLong.empty();
        }
        return address.parameter("expires").map(Contact::parseDigits).orElse(OptionalLong.empty());
    }

    /** Returns the {@code q} parameter, a preference between 0 and 1 (RFC 3261 section 20.10). */
    public Optional<Double> q() {
        if (address == null) {
            return Optional.empty();
        }
        return address.parameter("q").map(Contact::parseQ).filter(q -> q >= 0);
    }

    /** Returns the canonical wire form. */
    public String format() {
        return address == null ? "*" : address.format();
    }

    /** Writes the UTF-8 bytes of {@link #format()} to {@code out}. */
    void writeTo(ByteSink out) {
        if (address == null) {
            out.write('*');
        } else {
            address.writeTo(out);
        }
    }

    /** Returns the header parameters, empty for the wildcard. */
    public List<Parameter> parameters() {
        return address == null ? List.of() : address.parameters();
    }

    private static OptionalLong parseDigits(String value) {
        int first = 0;
        while (first < value.length() - 1 && value.charAt(first) == '0') {
            first++;
        }
        // At most 18 significant digits, so the result fits in a long.
        if (value.isEmpty() || value.length() - first > 18) {
            return OptionalLong.empty();
        }
        long result = 0;
        for (int i = first; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                return OptionalLong.empty();
            }
            result = result * 10 + (c - '0');
        }
        return OptionalLong.of(result);
    }

    private static double parseQ(String value) {
        // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ), checked by the parser.
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public String toString() {
        return format();
    }
}
