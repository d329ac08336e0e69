package io.parley.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The value of From, To, Contact, Route, Record-Route and similar headers: an optional display
 * name, a URI and header parameters (RFC 3261 section 25.1 {@code name-addr / addr-spec}).
 * Parameters after the URI belong to the header, never to the URI; URI parameters are only those
 * inside {@code <>}. A parsed address keeps offsets into the received bytes and makes its display
 * name and parameters when first read. Two addresses are equal when every component is equal.
 */
public final class NameAddress {

    private final Uri uri;
    /** The display name and parameters of a built address; null for a parsed one, which makes them from source. */
    private final String displayName;
    private final List<Parameter> parameters;
    /** The received bytes of a parsed address, or null for a built one. */
    private final byte[] source;
    private final int displayNameStart;
    private final int displayNameEnd;
    private final int parametersStart;
    private final int parametersEnd;
    /** The start and end of the tag value in source, as {@link #fromWire} describes. */
    private final int tagStart;
    private final int tagEnd;
    // Made from source on first read of a parsed address; a race only makes the same value twice.
    private String decodedDisplayName;
    private List<Parameter> decodedParameters;

    /**
     * Creates an address.
     *
     * @param displayName the display name with quotes removed and quoted-pairs decoded, or an empty string
     * @param uri the URI
     * @param parameters the header parameters, such as {@code tag}, in order
     */
    public NameAddress(String displayName, Uri uri, List<Parameter> parameters) {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(uri, "uri");
        parameters = List.copyOf(parameters);
        if (displayName.indexOf('\r') >= 0 || displayName.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("display name must not contain CR or LF");
        }
        this.displayName = displayName;
        this.uri = uri;
        this.parameters = parameters;
        this.source = null;
        this.displayNameStart = 0;
        this.displayNameEnd = 0;
        this.parametersStart = 0;
        this.parametersEnd = 0;
        this.tagStart = Via.UNKNOWN_RANGE;
        this.tagEnd = 0;
    }

    private NameAddress(byte[] source, int displayNameStart, int displayNameEnd, Uri uri, int parametersStart,
            int parametersEnd, int tagStart, int tagEnd) {
        this.displayName = null;
        this.uri = uri;
        this.parameters = null;
        this.source = source;
        this.displayNameStart = displayNameStart;
        this.displayNameEnd = displayNameEnd;
        this.parametersStart = parametersStart;
        this.parametersEnd = parametersEnd;
        this.tagStart = tagStart;
        this.tagEnd = tagEnd;
    }

    /**
     * Creates an address from received bytes without checks. For the parser: {@code source} must
     * never change afterwards. The display name is {@code [displayNameStart, displayNameEnd)}, either
     * a quoted-string with its quotes or tokens separated by LWS, and empty when absent; the header
     * parameters are {@code [parametersStart, parametersEnd)}. Each range must hold what the grammar
     * of RFC 3261 section 25.1 allows there. {@code [tagStart, tagEnd)} is the unquoted value of the
     * first tag parameter, with the start values of {@link Via#fromWire} for an absent tag or one to
     * search for when read.
     */
    public static NameAddress fromWire(byte[] source, int displayNameStart, int displayNameEnd, Uri uri,
            int parametersStart, int parametersEnd, int tagStart, int tagEnd) {
        Objects.checkFromToIndex(displayNameStart, displayNameEnd, source.length);
        Objects.checkFromToIndex(parametersStart, parametersEnd, source.length);
        Via.checkParameterRange("tag", tagStart, tagEnd, source.length);
        return new NameAddress(source, displayNameStart, displayNameEnd, Objects.requireNonNull(uri, "uri"),
                parametersStart, parametersEnd, tagStart, tagEnd);
    }

    /** Returns the display name with quotes removed and quoted-pairs decoded, or an empty string. */
    public String displayName() {
        if (source == null) {
            return displayName;
        }
        String value = decodedDisplayName;
        if (value == null) {
            value = decodeDisplayName();
            decodedDisplayName = value;
        }
        return value;
    }

    private String decodeDisplayName() {
        if (displayNameStart == displayNameEnd) {
            return "";
        }
        if (source[displayNameStart] == '"') {
            return WireText.quotedContent(source, displayNameStart, displayNameEnd);
        }
        return WireText.tokenDisplayName(source, displayNameStart, displayNameEnd);
    }

    public Uri uri() {
        return uri;
    }

    /** Returns the header parameters, such as {@code tag}, in order. */
    public List<Parameter> parameters() {
        if (source == null) {
            return parameters;
        }
        List<Parameter> value = decodedParameters;
        if (value == null) {
            value = WireParameters.header(source, parametersStart, parametersEnd).toList();
            decodedParameters = value;
        }
        return value;
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
        if (source == null || tagStart == Via.UNKNOWN_RANGE) {
            return parameter("tag");
        }
        return tagStart == Via.ABSENT_RANGE ? Optional.empty() : Optional.of(WireText.ascii(source, tagStart, tagEnd));
    }

    /** Returns the value of the first header parameter with this name, compared without case. */
    public Optional<String> parameter(String name) {
        if (source == null) {
            return Parameter.valueOf(parameters, name);
        }
        return Optional.ofNullable(WireParameters.header(source, parametersStart, parametersEnd).find(name));
    }

    /** Returns a copy with this tag, replacing any existing one. */
    public NameAddress withTag(String tag) {
        return withParameter(new Parameter("tag", tag));
    }

    /** Returns a copy with this header parameter set, replacing one of the same name. */
    public NameAddress withParameter(Parameter parameter) {
        return new NameAddress(displayName(), uri, Parameter.with(parameters(), parameter));
    }

    /** Returns a copy without the header parameters of this name. */
    public NameAddress withoutParameter(String name) {
        return new NameAddress(displayName(), uri, Parameter.without(parameters(), name));
    }

    /** Returns the canonical wire form: the display name always quoted, the URI always in {@code <>}. */
    public String format() {
        StringBuilder out = new StringBuilder(64);
        appendTo(out);
        return out.toString();
    }

    /** Appends the canonical wire form to {@code out}. */
    public void appendTo(StringBuilder out) {
        String name = displayName();
        if (!name.isEmpty()) {
            SipChars.appendQuoted(out, name);
            out.append(' ');
        }
        out.append('<');
        if (uri instanceof SipUri sipUri) {
            sipUri.appendTo(out);
        } else {
            out.append(uri.format());
        }
        out.append('>');
        if (source != null) {
            WireParameters.header(source, parametersStart, parametersEnd).appendTo(out);
        } else {
            Parameter.appendAll(out, parameters);
        }
    }

    /**
     * Writes the UTF-8 bytes of {@link #format()} to {@code out}. A parsed address copies its
     * received bytes without making strings where that gives the same bytes.
     */
    void writeTo(ByteSink out) {
        if (source == null) {
            out.write(format());
            return;
        }
        writeDisplayName(out);
        out.write('<');
        if (uri instanceof SipUri sipUri) {
            sipUri.writeTo(out);
        } else {
            out.write(uri.format());
        }
        out.write('>');
        WireParameters.writeHeaderParameters(out, source, parametersStart, parametersEnd);
    }

    /** Writes the display name as {@link #appendTo} does: quoted and followed by a space, or nothing when empty. */
    private void writeDisplayName(ByteSink out) {
        if (displayNameStart == displayNameEnd) {
            return;
        }
        if (source[displayNameStart] == '"') {
            if (displayNameEnd - displayNameStart == 2) {
                return;
            }
            if (!WireText.writeRequoted(out, source, displayNameStart, displayNameEnd)) {
                StringBuilder text = new StringBuilder(displayNameEnd - displayNameStart + 2);
                SipChars.appendQuoted(text, displayName());
                out.write(text.toString());
            }
        } else {
            if (WireText.skipLws(source, displayNameStart, displayNameEnd) == displayNameEnd) {
                return;
            }
            WireText.writeTokensQuoted(out, source, displayNameStart, displayNameEnd);
        }
        out.write(' ');
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof NameAddress that && uri.equals(that.uri) && displayName().equals(that.displayName())
                && parameters().equals(that.parameters());
    }

    @Override
    public int hashCode() {
        return Objects.hash(displayName(), uri, parameters());
    }

    @Override
    public String toString() {
        return format();
    }
}
