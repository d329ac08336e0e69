package io.parley.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tel URI (RFC 3966): a global ({@code +}) or local number and its parameters, as written.
 *
 * @param number the telephone-subscriber number with visual separators as written
 * @param parameters the parameters, such as {@code phone-context}, in order
 */
public record TelUri(String number, List<Parameter> parameters) implements Uri {

    public TelUri {
        Objects.requireNonNull(number, "number");
        parameters = List.copyOf(parameters);
        if (number.isEmpty()) {
            throw new IllegalArgumentException("tel URI number is empty");
        }
    }

    /** Returns whether the number is global, that is starts with '+' (RFC 3966 section 5.1.4). */
    public boolean isGlobal() {
        return number.startsWith("+");
    }

    /** Returns the value of the first parameter with this name, compared without case. */
    public Optional<String> parameter(String name) {
        return Parameter.valueOf(parameters, name);
    }

    @Override
    public String scheme() {
        return "tel";
    }

    @Override
    public String format() {
        StringBuilder out = new StringBuilder(4 + number.length() + parameters.size() * 16);
        out.append("tel:").append(number);
        Parameter.appendAll(out, parameters);
        return out.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
