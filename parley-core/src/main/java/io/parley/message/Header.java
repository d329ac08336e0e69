package io.parley.message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One header field value in a message: its name, its value as written (line folding replaced by a
 * space), and for headers with a typed accessor the parsed value. Headers whose grammar allows a
 * list (Via, Contact, Route, Record-Route) hold one value per {@code Header}, so
 * {@code Via: a, b} and two Via lines give the same headers.
 */
public final class Header {

    private final HeaderName name;
    private final HeaderValueDecoder decoder;
    private final byte[] source;
    private final int from;
    private final int to;
    // Decoded on first use from source[from, to); a race only decodes the same immutable value twice.
    private String value;
    private Object parsed;

    private Header(HeaderName name, String value, Object parsed) {
        this.name = Objects.requireNonNull(name, "name");
        this.value = Objects.requireNonNull(value, "value");
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("value of " + name + " must not contain CR or LF");
        }
        this.parsed = parsed;
        this.decoder = null;
        this.source = null;
        this.from = 0;
        this.to = 0;
    }

    private Header(HeaderName name, byte[] source, int from, int to, Object parsed, HeaderValueDecoder decoder) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = Objects.requireNonNull(source, "source");
        this.from = from;
        this.to = to;
        this.parsed = parsed;
        this.decoder = decoder;
    }

    /** Creates a header kept as name and text, for headers without a typed accessor. */
    public static Header of(HeaderName name, String value) {
        return new Header(name, value, null);
    }

    /**
     * Creates a header whose text is {@code source[from, to)} as received, decoded as UTF-8 with line
     * folding replaced by a space when first asked for. For the parser: {@code source} must never
     * change afterwards, and {@code parsedValue} is null for headers without a typed form.
     */
    public static Header fromWire(HeaderName name, byte[] source, int from, int to, Object parsedValue) {
        Objects.checkFromToIndex(from, to, source.length);
        return new Header(name, source, from, to, parsedValue, null);
    }

    /**
     * Creates a header like {@link #fromWire(HeaderName, byte[], int, int, Object)} whose typed value
     * {@code decoder} decodes from the text on first access.
     */
    public static Header fromWireLazy(HeaderName name, byte[] source, int from, int to, HeaderValueDecoder decoder) {
        Objects.checkFromToIndex(from, to, source.length);
        return new Header(name, source, from, to, null, Objects.requireNonNull(decoder, "decoder"));
    }

    /** Creates a header from a typed value, with its canonical text. */
    public static Header typed(HeaderName name, Object parsedValue) {
        return new Header(name, canonicalText(parsedValue), Objects.requireNonNull(parsedValue, "parsedValue"));
    }

    public HeaderName name() {
        return name;
    }

    /** Returns the value as written, with line folding replaced by a space and outer whitespace removed. */
    public String value() {
        String text = value;
        if (text == null) {
            text = unfold(source, from, to);
            value = text;
        }
        return text;
    }

    private static String unfold(byte[] bytes, int from, int to) {
        boolean folded = false;
        for (int i = from; i < to && !folded; i++) {
            folded = bytes[i] == '\r' || bytes[i] == '\n';
        }
        if (!folded) {
            return new String(bytes, from, to - from, StandardCharsets.UTF_8);
        }
        // RFC 3261 section 7.3.1: a line break and the whitespace after it read as one space.
        byte[] out = new byte[to - from];
        int length = 0;
        for (int i = from; i < to; i++) {
            byte b = bytes[i];
            if (b == '\r' || b == '\n') {
                while (i + 1 < to && (bytes[i + 1] == ' ' || bytes[i + 1] == '\t' || bytes[i + 1] == '\r'
                        || bytes[i + 1] == '\n')) {
                    i++;
                }
                while (length > 0 && (out[length - 1] == ' ' || out[length - 1] == '\t')) {
                    length--;
                }
                out[length++] = ' ';
            } else {
                out[length++] = b;
            }
        }
        return new String(out, 0, length, StandardCharsets.UTF_8);
    }

    /** Returns the parsed value when it has this type. */
    public <T> Optional<T> parsedAs(Class<T> type) {
        Object typed = parsed();
        return type.isInstance(typed) ? Optional.of(type.cast(typed)) : Optional.empty();
    }

    /** Returns the typed value, or null for a header without one. */
    Object parsedValue() {
        return parsed();
    }

    private Object parsed() {
        Object typed = parsed;
        if (typed == null && decoder != null) {
            typed = decoder.decode(name, value());
            parsed = typed;
        }
        return typed;
    }

    /** Returns the canonical value text: the typed value formatted, or the value as written. */
    public String canonicalValue() {
        Object typed = parsed();
        return typed == null ? value() : canonicalText(typed);
    }

    private static String canonicalText(Object parsedValue) {
        return switch (parsedValue) {
            case Via via -> via.format();
            case NameAddress address -> address.format();
            case Contact contact -> contact.format();
            case CSeq cseq -> cseq.format();
            case ContentType contentType -> contentType.format();
            case RetryAfter retryAfter -> retryAfter.format();
            case AuthValue authValue -> authValue.format();
            case List<?> list -> joinList(list);
            default -> parsedValue.toString();
        };
    }

    private static String joinList(List<?> list) {
        StringBuilder out = new StringBuilder(list.size() * 16);
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            Object item = list.get(i);
            out.append(item instanceof Warning warning ? warning.format() : item.toString());
        }
        return out.toString();
    }

    /** Headers are equal when names match without case and the parsed values, or else the texts, are equal. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Header that) || !name.equals(that.name)) {
            return false;
        }
        Object typed = parsed();
        Object otherTyped = that.parsed();
        if (typed != null && otherTyped != null) {
            return typed.equals(otherTyped);
        }
        return canonicalValue().equals(that.canonicalValue());
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + canonicalValue().hashCode();
    }

    /** Returns {@code Name: value}, with the values of the four authorization and challenge headers masked. */
    @Override
    public String toString() {
        if (parsed() instanceof AuthValue authValue) {
            return name + ": " + authValue.formatMasked();
        }
        return name + ": " + value();
    }
}
