package io.parley.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@code ;name=value} or {@code ;name} parameter of a URI or header value, kept as written: a
 * quoted value keeps its quotes and a URI parameter keeps its %-escapes.
 *
 * @param name the parameter name as written; names compare without case
 * @param value the value as written, or an empty string for a parameter without a value
 */
public record Parameter(String name, String value) {

    private static final boolean[] NAME_SEPARATORS = separators("\";,=<>");
    private static final boolean[] VALUE_SEPARATORS = separators("\";,<>");

    public Parameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("parameter name is empty");
        }
        if (!isPlain(name, NAME_SEPARATORS)) {
            throw new IllegalArgumentException("parameter name '" + name + "' contains whitespace or a separator");
        }
        boolean quoted = value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"");
        if (quoted ? value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 : !isPlain(value, VALUE_SEPARATORS)) {
            throw new IllegalArgumentException("value of parameter '" + name + "' contains whitespace or a separator; quote or escape it");
        }
    }

    /** Returns whether {@code text} has no whitespace, control character or character marked in {@code separators}. */
    private static boolean isPlain(String text, boolean[] separators) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 128 && separators[c]) {
                return false;
            }
        }
        return true;
    }

    private static boolean[] separators(String marked) {
        boolean[] table = new boolean[128];
        for (int c = 0; c <= ' '; c++) {
            table[c] = true;
        }
        table[0x7F] = true;
        for (int i = 0; i < marked.length(); i++) {
            table[marked.charAt(i)] = true;
        }
        return table;
    }

    /** Creates a parameter without a value, such as {@code lr}. */
    public static Parameter flag(String name) {
        return new Parameter(name, "");
    }

    /** Returns whether the parameter has a value. */
    public boolean hasValue() {
        return !value.isEmpty();
    }

    /** Returns whether this parameter has the given name, compared without case. */
    public boolean is(String otherName) {
        return name.equalsIgnoreCase(otherName);
    }

    /** Returns the first parameter with this name in {@code parameters}, compared without case. */
    public static Optional<Parameter> find(List<Parameter> parameters, String name) {
        for (Parameter parameter : parameters) {
            if (parameter.is(name)) {
                return Optional.of(parameter);
            }
        }
        return Optional.empty();
    }

    /** Returns the value of the first parameter with this name, empty when absent. */
    public static Optional<String> valueOf(List<Parameter> parameters, String name) {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter parameter = parameters.get(i);
            if (parameter.is(name)) {
                return Optional.of(parameter.value);
            }
        }
        return Optional.empty();
    }

    /** Returns a copy of {@code parameters} where {@code replacement} replaces every parameter of its name, or is appended. */
    public static List<Parameter> with(List<Parameter> parameters, Parameter replacement) {
        java.util.ArrayList<Parameter> result = new java.util.ArrayList<>(parameters.size() + 1);
        boolean replaced = false;
        for (Parameter parameter : parameters) {
            if (!parameter.is(replacement.name())) {
                result.add(parameter);
            } else if (!replaced) {
                result.add(replacement);
                replaced = true;
            }
        }
        if (!replaced) {
            result.add(replacement);
        }
        return List.copyOf(result);
    }

    /** Returns a copy of {@code parameters} without those of the given name. */
    public static List<Parameter> without(List<Parameter> parameters, String name) {
        java.util.ArrayList<Parameter> result = new java.util.ArrayList<>(parameters.size());
        for (Parameter parameter : parameters) {
            if (!parameter.is(name)) {
                result.add(parameter);
            }
        }
        return List.copyOf(result);
    }

    /** Appends each parameter as {@code ;name} or {@code ;name=value}. */
    public static void appendAll(StringBuilder out, List<Parameter> parameters) {
        for (Parameter parameter : parameters) {
            out.append(';').append(parameter.name);
            if (parameter.hasValue()) {
                out.append('=').append(parameter.value);
            }
        }
    }

    @Override
    public String toString() {
        return hasValue() ? name + "=" + value : name;
    }
}
