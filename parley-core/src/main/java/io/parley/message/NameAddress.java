package io.parley.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The value of From, To, Contact, Route, Record-Route and similar headers: an optional display
 * name, a URI and header parameters (RFC 3261 section 25.1 {@code name-addr / addr-spec}).
 * Parameters after the URI belong to the header, never to the URI; URI parameters are only those
 * inside {@code <>}.
 *
 * @param displayName the display name with quotes removed and quoted-pairs decoded, or an empty string
 * @param uri the URI
 * @param parameters the header parameters, such as {@code tag}, in order
 */
public record NameAddress(String displayName, Uri uri, List<Parameter> parameters) {

    public NameAddress {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(uri, "uri");
        parameters = List.copyOf(parameters);
        if (displayName.indexOf('\r') >= 0 || displayName.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("display name must not contain CR or LF");
        }
    }

    /** Creates an address without display name or parameters. */
    public static NameAddress of(Uri uri) {
        return new NameAddress("", uri, List.of());
    }

    /** Creates an address with a display name and no parameters. */
    public static NameAddress of(String displayName, Uri uri) {
        return new NameAddress(displayName, uri, List.of());
    }

    /** Returns the {@code tag} parameter of From and To (RFC 3261 section 19.3). */
    public Optional<String> tag() {
        return parameter("tag");
    }

    /** Returns the value of the first header parameter with this name, compared without case. */
    public Optional<String> parameter(String name) {
        return Parameter.valueOf(parameters, name);
    }

    /** Returns a copy with this tag, replacing any existing one. */
    public NameAddress withTag(String tag) {
        return withParameter(new Parameter("tag", tag));
    }

    /** Returns a copy with this header parameter set, replacing one of the same name. */
    public NameAddress withParameter(Parameter parameter) {
        return new NameAddress(displayName, uri, Parameter.with(parameters, parameter));
    }

    /** Returns a copy without the header parameters of this name. */
    public NameAddress withoutParameter(String name) {
        return new NameAddress(displayName, uri, Parameter.without(parameters, name));
    }

    /** Returns the canonical wire form: the display name always quoted, the URI always in {@code <>}. */
    public String format() {
        StringBuilder out = new StringBuilder(48 + displayName.length());
        appendTo(out);
        return out.toString();
    }

    /** Appends the canonical wire form to {@code out}. */
    public void appendTo(StringBuilder out) {
        if (!displayName.isEmpty()) {
            SipChars.appendQuoted(out, displayName);
            out.append(' ');
        }
        out.append('<').append(uri.format()).append('>');
        Parameter.appendAll(out, parameters);
    }

    @Override
    public String toString() {
        return format();
    }
}
