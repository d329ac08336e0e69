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

    /** Marks a typed value that a decoder returned as null, so that it is not decoded again. */
    private static final Object NO_VALUE = new Object();

    private final HeaderName name;
    /** Offset of the text in the received bytes, with {@link #to} its end; -1 for a built header. */
    private final int from;
    private final int to;
    // The fields below hold one of several forms each, so that a parsed header takes 32 bytes instead
    // of 40 with compressed references. text is the received byte[] until value() first decodes it,
    // then the String. parsed is the HeaderValueDecoder until the typed value is first read, then the
    // value, NO_VALUE or a Malformed, and a Formatted with the value once the canonical text has been
    // made. A race only decodes the same immutable value twice.
    private Object text;
    private Object parsed;

    private Header(HeaderName name, String value, Object parsed) {
        this.name = Objects.requireNonNull(name, "name");
        this.text = Objects.requireNonNull(value, "value");
        if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("value of " + name + " must not contain CR or LF");
        }
        this.parsed = parsed;
        this.from = -1;
        this.to = -1;
    }

    private Header(HeaderName name, byte[] source, int from, int to, Object parsed) {
        this.name = Objects.requireNonNull(name, "name");
        this.text = Objects.requireNonNull(source, "source");
        this.from = from;
        this.to = to;
        this.parsed = parsed;
    }

    /** A value its decoder rejected, with the offset of the first bad byte and the reason. */
    private record Malformed(int offset, String reason) {
    }

    /**
     * A typed value, or null for a header without one, with its canonical text and that text's UTF-8
     * bytes, which a parsed header keeps once they are first made.
     */
    private record Formatted(Object value, String text, byte[] utf8) {
    }

    /**
     * Creates a header kept as name and text, for headers without a typed accessor. The text may
     * hold HT but no other control character, which the parser rejects outside quoted-pairs.
     */
    public static Header of(HeaderName name, String value) {
        int control = SipChars.indexOfControl(value);
        if (control >= 0) {
            throw new IllegalArgumentException("value of " + name + " has control character "
                    + String.format("0x%02X", (int) value.charAt(control)) + " at index " + control + "; remove it");
        }
        // The parser strips leading and trailing LWS, so such a value would not read back the same.
        boolean padded = !value.isEmpty()
                && (SipChars.isWhitespace(value.charAt(0)) || SipChars.isWhitespace(value.charAt(value.length() - 1)));
        if (padded) {
            throw new IllegalArgumentException("value of " + name + " '" + value + "' has leading or trailing whitespace; strip it");
        }
        return new Header(name, value, null);
    }

    /**
     * Creates a header whose text is {@code source[from, to)} as received, decoded as UTF-8 with line
     * folding replaced by a space when first asked for. For the parser: {@code source} must never
     * change afterwards, and {@code parsedValue} is null for headers without a typed form.
     */
    public static Header fromWire(HeaderName name, byte[] source, int from, int to, Object parsedValue) {
        Objects.checkFromToIndex(from, to, source.length);
        return new Header(name, source, from, to, parsedValue);
    }

    /**
     * Creates a header like {@link #fromWire(HeaderName, byte[], int, int, Object)} whose typed value
     * {@code decoder} decodes from the received bytes and the text when the value or the text is first
     * read. A decoder that throws
     * {@link MalformedHeaderException} makes every later read of the typed value throw it again,
     * while the text stays readable and is written unchanged.
     *
     * <p>NOTE: {@link MessageWriter} copies the text of an authentication header, a method or
     * option-tag list, or Content-Type without decoding it when {@link CanonicalCheck} finds it
     * canonical. That is right only for a decoder that returns what the parser's decoder for that
     * name returns ({@link AuthValue}, a list of tokens or methods, {@link ContentType}).
     */
    public static Header fromWireLazy(HeaderName name, byte[] source, int from, int to, HeaderValueDecoder decoder) {
        Objects.checkFromToIndex(from, to, source.length);
        return new Header(name, source, from, to, Objects.requireNonNull(decoder, "decoder"));
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
        Object current = text;
        if (current instanceof String value) {
            return value;
        }
        if (parsed instanceof HeaderValueDecoder) {
            // Decodes while the received bytes are at hand, and keeps the text it makes.
            resolved();
            return (String) text;
        }
        String value = unfold((byte[]) current, from, to);
        text = value;
        return value;
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

    /**
     * Returns the parsed value when it has this type.
     *
     * @throws MalformedHeaderException if the value was left to be checked when read and is malformed
     */
    public <T> Optional<T> parsedAs(Class<T> type) {
        Object typed = parsed();
        return type.isInstance(typed) ? Optional.of(type.cast(typed)) : Optional.empty();
    }

    /** Returns whether the typed value was left to be checked when read and is malformed; this decodes it. */
    public boolean isMalformed() {
        return resolved() instanceof Malformed;
    }

    /**
     * Returns the typed value, or null for a header without one.
     *
     * @throws MalformedHeaderException as {@link #parsedAs} does
     */
    Object parsedValue() {
        return parsed();
    }

    private Object parsed() {
        Object typed = resolved();
        if (typed instanceof Malformed malformed) {
            throw new MalformedHeaderException(name, malformed.offset(), malformed.reason());
        }
        return typed;
    }

    /** Returns the typed value, null for none, or a Malformed; decodes a value that is still pending. */
    private Object resolved() {
        Object typed = parsed;
        if (typed instanceof HeaderValueDecoder decoder) {
            typed = decode(decoder);
            parsed = typed == null ? NO_VALUE : typed;
            return typed;
        }
        if (typed instanceof Formatted formatted) {
            return formatted.value();
        }
        return typed == NO_VALUE ? null : typed;
    }

    private Object decode(HeaderValueDecoder decoder) {
        Object current = text;
        String value;
        byte[] source;
        int start;
        int end;
        int base;
        if (current instanceof byte[] received) {
            value = unfold(received, from, to);
            text = value;
            source = received;
            start = from;
            end = to;
            base = 0;
        } else {
            // Another thread replaced the received bytes by the text first.
            // NOTE: offsets in such a value are off by a few bytes after a fold or invalid UTF-8.
            value = (String) current;
            source = value.getBytes(StandardCharsets.UTF_8);
            start = 0;
            end = source.length;
            base = from;
        }
        try {
            return decoder.decode(name, value, source, start, end);
        } catch (MalformedHeaderException e) {
            return new Malformed(base + e.offset(), e.reason());
        }
    }

    /** Returns the typed value, or null for a header without one or with a malformed one. */
    private Object typedOrNull() {
        Object typed = resolved();
        return typed instanceof Malformed ? null : typed;
    }

    /**
     * Returns the canonical value text: the typed value formatted, or the value as written. A parsed
     * header keeps the text after the first call, so a header that is written again, as in a
     * response that copies the request's Via, From, To, Call-ID and CSeq, is formatted once.
     */
    public String canonicalValue() {
        if (from < 0) {
            // Built with a string: typed() stored the canonical text of its value as the text.
            return (String) text;
        }
        if (parsed instanceof Formatted formatted) {
            return formatted.text();
        }
        // A malformed value is written as received, as RFC 3261 section 16.3 recommends for a proxy.
        Object typed = typedOrNull();
        if (typed == null) {
            return value();
        }
        String canonical = canonicalText(typed);
        parsed = new Formatted(typed, canonical, null);
        return canonical;
    }

    /**
     * Returns the UTF-8 bytes of {@link #canonicalValue()}, for {@link MessageWriter}, which only
     * reads them. A parsed header keeps them after the first call.
     */
    byte[] canonicalBytes() {
        if (from < 0) {
            return ((String) text).getBytes(StandardCharsets.UTF_8);
        }
        Object current = parsed;
        if (current instanceof Formatted formatted && formatted.utf8() != null) {
            return formatted.utf8();
        }
        String canonical = canonicalValue();
        byte[] bytes = canonical.getBytes(StandardCharsets.UTF_8);
        Object typed = resolved();
        if (!(typed instanceof Malformed)) {
            parsed = new Formatted(typed, canonical, bytes);
        }
        return bytes;
    }

    /**
     * Writes the bytes of {@link #canonicalBytes()} to {@code out}. A parsed header copies its
     * received bytes where they give the same bytes: the text of a header without a typed value,
     * the text of a lazily decoded header that {@link CanonicalCheck} finds canonical, and the parts
     * of a Via, address, Contact or CSeq. Other values are formatted and keep their bytes, as
     * {@link #canonicalBytes()} does. Nothing is decoded or kept on the copying paths.
     */
    void writeCanonical(ByteSink out) {
        if (from < 0) {
            out.write((String) text);
            return;
        }
        Object current = parsed;
        if (current instanceof Formatted formatted) {
            if (formatted.utf8() != null) {
                out.write(formatted.utf8());
            } else {
                out.write(formatted.text());
            }
            return;
        }
        if (current instanceof HeaderValueDecoder) {
            if (text instanceof byte[] source && CanonicalCheck.isCanonical(name, source, from, to)) {
                out.write(source, from, to);
            } else {
                out.write(canonicalBytes());
            }
            return;
        }
        if (current == null || current == NO_VALUE || current instanceof Malformed) {
            writeValue(out);
            return;
        }
        writeTyped(out, current);
    }

    /** Writes the UTF-8 bytes of {@link #value()}, unfolding the received bytes as {@link #unfold} does. */
    private void writeValue(ByteSink out) {
        if (!(text instanceof byte[] bytes)) {
            out.write((String) text);
            return;
        }
        int mark = out.size();
        int runStart = from;
        for (int i = from; i < to; i++) {
            if (bytes[i] != '\r' && bytes[i] != '\n') {
                continue;
            }
            int runEnd = i;
            while (runEnd > runStart && (bytes[runEnd - 1] == ' ' || bytes[runEnd - 1] == '\t')) {
                runEnd--;
            }
            out.write(bytes, runStart, runEnd);
            out.write(' ');
            while (i + 1 < to && WireText.isLws(bytes[i + 1])) {
                i++;
            }
            runStart = i + 1;
        }
        out.write(bytes, runStart, to);
        out.repairUtf8(mark);
    }

    // An if-chain rather than a pattern switch, which dispatches through a bootstrap method on this hot path.
    private void writeTyped(ByteSink out, Object typed) {
        if (typed instanceof Via via) {
            via.writeTo(out);
        } else if (typed instanceof NameAddress address) {
            address.writeTo(out);
        } else if (typed instanceof Contact contact) {
            contact.writeTo(out);
        } else if (typed instanceof String string) {
            out.write(string);
        } else if (typed instanceof CSeq cseq) {
            cseq.writeTo(out);
        } else if (typed instanceof Long number) {
            out.writeDecimal(number);
        } else if (typed instanceof Integer number) {
            out.writeDecimal(number);
        } else if (typed instanceof List<?> list) {
            writeList(out, list);
        } else {
            out.write(canonicalBytes());
        }
    }

    private static void writeList(ByteSink out, List<?> list) {
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.write(',');
                out.write(' ');
            }
            Object item = list.get(i);
            out.write(item instanceof Warning warning ? warning.format() : item.toString());
        }
    }

    /** Returns an estimate of the canonical value's length in bytes, to size the output of {@link MessageWriter}. */
    int estimatedLength() {
        return from < 0 ? ((String) text).length() : to - from;
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
        appendList(out, list);
        return out.toString();
    }

    private static void appendList(StringBuilder out, List<?> list) {
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            Object item = list.get(i);
            out.append(item instanceof Warning warning ? warning.format() : item.toString());
        }
    }

    /** Headers are equal when names match without case and the parsed values, or else the texts, are equal. */
    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Header that) || !name.equals(that.name)) {
            return false;
        }
        Object typed = typedOrNull();
        Object otherTyped = that.typedOrNull();
        if (typed != null && otherTyped != null) {
            return typed.equals(otherTyped);
        }
        return canonicalValue().equals(that.canonicalValue());
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + canonicalValue().hashCode();
    }

    /**
     * Returns {@code Name: value}, with the values of the four authorization and challenge headers
     * and Authentication-Info masked, and left out when they are malformed.
     */
    @Override
    public String toString() {
        Object typed = resolved();
        if (typed instanceof AuthValue authValue) {
            return name + ": " + authValue.formatMasked();
        }
        if (typed instanceof Malformed && isAuthHeader(name)) {
            return name + ": (malformed, not shown)";
        }
        return name + ": " + value();
    }

    private static boolean isAuthHeader(HeaderName name) {
        return name.equals(HeaderName.AUTHORIZATION) || name.equals(HeaderName.PROXY_AUTHORIZATION)
                || name.equals(HeaderName.WWW_AUTHENTICATE) || name.equals(HeaderName.PROXY_AUTHENTICATE)
                || name.equals(HeaderName.AUTHENTICATION_INFO);
    }
}
