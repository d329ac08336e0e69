package io.parley.message;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A header field name, compared without case, with its compact form where RFC 3261 section 7.3.3
 * or a later RFC defines one. Every header name Parley uses is a constant here.
 */
public final class HeaderName {

    public static final HeaderName ACCEPT = known("Accept", '\0');
    public static final HeaderName ACCEPT_ENCODING = known("Accept-Encoding", '\0');
    public static final HeaderName ACCEPT_LANGUAGE = known("Accept-Language", '\0');
    public static final HeaderName ALERT_INFO = known("Alert-Info", '\0');
    public static final HeaderName ALLOW = known("Allow", '\0');
    public static final HeaderName ALLOW_EVENTS = known("Allow-Events", 'u');
    public static final HeaderName AUTHENTICATION_INFO = known("Authentication-Info", '\0');
    public static final HeaderName AUTHORIZATION = known("Authorization", '\0');
    public static final HeaderName CALL_ID = known("Call-ID", 'i');
    public static final HeaderName CALL_INFO = known("Call-Info", '\0');
    public static final HeaderName CONTACT = known("Contact", 'm');
    public static final HeaderName CONTENT_DISPOSITION = known("Content-Disposition", '\0');
    public static final HeaderName CONTENT_ENCODING = known("Content-Encoding", 'e');
    public static final HeaderName CONTENT_LANGUAGE = known("Content-Language", '\0');
    public static final HeaderName CONTENT_LENGTH = known("Content-Length", 'l');
    public static final HeaderName CONTENT_TYPE = known("Content-Type", 'c');
    public static final HeaderName CSEQ = known("CSeq", '\0');
    public static final HeaderName DATE = known("Date", '\0');
    public static final HeaderName ERROR_INFO = known("Error-Info", '\0');
    public static final HeaderName EVENT = known("Event", 'o');
    public static final HeaderName EXPIRES = known("Expires", '\0');
    public static final HeaderName FROM = known("From", 'f');
    public static final HeaderName IN_REPLY_TO = known("In-Reply-To", '\0');
    public static final HeaderName MAX_FORWARDS = known("Max-Forwards", '\0');
    public static final HeaderName MIME_VERSION = known("MIME-Version", '\0');
    public static final HeaderName MIN_EXPIRES = known("Min-Expires", '\0');
    public static final HeaderName ORGANIZATION = known("Organization", '\0');
    public static final HeaderName PRIORITY = known("Priority", '\0');
    public static final HeaderName PROXY_AUTHENTICATE = known("Proxy-Authenticate", '\0');
    public static final HeaderName PROXY_AUTHORIZATION = known("Proxy-Authorization", '\0');
    public static final HeaderName PROXY_REQUIRE = known("Proxy-Require", '\0');
    public static final HeaderName RECORD_ROUTE = known("Record-Route", '\0');
    public static final HeaderName REFER_TO = known("Refer-To", 'r');
    public static final HeaderName REFERRED_BY = known("Referred-By", 'b');
    public static final HeaderName REPLY_TO = known("Reply-To", '\0');
    public static final HeaderName REQUIRE = known("Require", '\0');
    public static final HeaderName RETRY_AFTER = known("Retry-After", '\0');
    public static final HeaderName ROUTE = known("Route", '\0');
    public static final HeaderName SERVER = known("Server", '\0');
    public static final HeaderName SESSION_EXPIRES = known("Session-Expires", 'x');
    public static final HeaderName SUBJECT = known("Subject", 's');
    public static final HeaderName SUPPORTED = known("Supported", 'k');
    public static final HeaderName TIMESTAMP = known("Timestamp", '\0');
    public static final HeaderName TO = known("To", 't');
    public static final HeaderName UNSUPPORTED = known("Unsupported", '\0');
    public static final HeaderName USER_AGENT = known("User-Agent", '\0');
    public static final HeaderName VIA = known("Via", 'v');
    public static final HeaderName WARNING = known("Warning", '\0');
    public static final HeaderName WWW_AUTHENTICATE = known("WWW-Authenticate", '\0');

    private final String name;
    private final char compactForm;
    private final boolean known;
    private final String lowerCase;
    /** The lane of this name in a {@link HeaderIndex} plus one, or 0; only HeaderIndex's class initializer sets it. */
    int indexLanePlusOne;
    /** The UTF-8 bytes of {@code "Name: "} once {@link MessageWriter} has asked for them; a race only makes them twice. */
    private byte[] linePrefix;

    private HeaderName(String name, char compactForm, boolean known) {
        this.name = name;
        this.compactForm = compactForm;
        this.known = known;
        this.lowerCase = name.toLowerCase(Locale.ROOT);
    }

    private static HeaderName known(String name, char compactForm) {
        HeaderName headerName = new HeaderName(name, compactForm, true);
        HeaderNameTable.register(headerName);
        return headerName;
    }

    /**
     * Returns the constant for a full or compact name, compared without case, or a new name for an
     * extension header.
     *
     * @throws IllegalArgumentException if the name is empty or not a token (RFC 3261 section 25.1)
     */
    public static HeaderName of(String name) {
        Objects.requireNonNull(name, "name");
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        HeaderName found = HeaderNameTable.lookup(bytes, 0, bytes.length);
        if (found != null) {
            return found;
        }
        if (name.isEmpty() || !SipChars.isToken(name)) {
            throw new IllegalArgumentException("header name '" + name + "' is not a token; use letters, digits and -.!%*_+`'~");
        }
        return new HeaderName(name, '\0', false);
    }

    /**
     * Returns the name written in {@code bytes[offset, offset + length)}, which must hold token
     * characters only: the constant when it is a known full or compact name, else a new name.
     */
    public static HeaderName fromBytes(byte[] bytes, int offset, int length) {
        HeaderName found = HeaderNameTable.lookup(bytes, offset, length);
        if (found != null) {
            return found;
        }
        return new HeaderName(new String(bytes, offset, length, StandardCharsets.ISO_8859_1), '\0', false);
    }

    /** Returns the UTF-8 bytes of the name followed by ": ", for {@link MessageWriter}, which only reads them. */
    byte[] linePrefix() {
        byte[] prefix = linePrefix;
        if (prefix == null) {
            prefix = (name + ": ").getBytes(StandardCharsets.UTF_8);
            linePrefix = prefix;
        }
        return prefix;
    }

    /** Returns the full name, such as {@code Call-ID}; for an extension header, the name as written. */
    public String name() {
        return name;
    }

    /** Returns the compact form, such as {@code 'i'} for Call-ID, or {@code '\0'} when there is none. */
    public char compactForm() {
        return compactForm;
    }

    /** Returns the constants of this class, each once. */
    public static List<HeaderName> knownNames() {
        return HeaderNameTable.names();
    }

    /** Returns whether this is one of the constants of this class. */
    public boolean isKnown() {
        return known;
    }

    /** Returns whether {@code other} is this name in full or compact form, compared without case. */
    public boolean matches(String other) {
        return other.equalsIgnoreCase(name)
                || (compactForm != '\0' && other.length() == 1
                        && Character.toLowerCase(other.charAt(0)) == compactForm);
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        // Two distinct constants never match, and a known name is always its constant.
        return other instanceof HeaderName that && !(known && that.known) && lowerCase.equals(that.lowerCase);
    }

    @Override
    public int hashCode() {
        return lowerCase.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
