package io.parley.message;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A media type with parameters (RFC 3261 section 20.15), such as {@code application/sdp}.
 *
 * @param type the top-level type as written
 * @param subtype the subtype as written
 * @param parameters the parameters, such as {@code boundary}, in order
 */
public record ContentType(String type, String subtype, List<Parameter> parameters) {

    public static final ContentType APPLICATION_SDP = of("application", "sdp");

    public ContentType {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subtype, "subtype");
        parameters = List.copyOf(parameters);
        if (!SipChars.isToken(type) || !SipChars.isToken(subtype)) {
            throw new IllegalArgumentException("media type '" + type + "/" + subtype + "' is not token/token");
        }
    }

    /** Creates a media type without parameters. */
    public static ContentType of(String type, String subtype) {
        return new ContentType(type, subtype, List.of());
    }

    /** Returns {@code type/subtype} in lower case, for comparisons (types compare without case). */
    public String mediaType() {
        return (type + "/" + subtype).toLowerCase(Locale.ROOT);
    }

    /** Returns the value of the first parameter with this name, compared without case. */
    public Optional<String> parameter(String name) {
        return Parameter.valueOf(parameters, name);
    }

    /** Returns the wire form. */
    public String format() {
        StringBuilder out = new StringBuilder(32);
        out.append(type).append('/').append(subtype);
        Parameter.appendAll(out, parameters);
        return out.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
