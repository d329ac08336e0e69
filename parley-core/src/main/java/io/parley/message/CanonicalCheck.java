package io.parley.message;

/**
 * Byte-level checks that the received text of a lazily decoded header is already its canonical
 * form, so that {@link MessageWriter} can copy it without decoding the value. Each check accepts
 * only text that decoding and formatting gives back unchanged. It rejects anything it is unsure
 * of, such as LWS other than the single spaces the canonical form writes, and a rejected text is
 * formatted from its decoded value instead. A text that is not well-formed UTF-8 is rejected too,
 * because decoding replaces its malformed bytes.
 */
final class CanonicalCheck {

    /** Token characters (RFC 3261 section 25.1), indexed by byte value. */
    private static final boolean[] TOKEN = new boolean[256];

    /** Bytes that a canonical quoted-string contains unescaped: all but '"', '\\' and control characters. */
    private static final boolean[] PLAIN_QUOTED = new boolean[256];

    static {
        for (int b = 0; b < 256; b++) {
            TOKEN[b] = b < 0x80 && SipChars.isTokenChar((char) b);
            PLAIN_QUOTED[b] = b >= 0x20 && b != 0x7F && b != '"' && b != '\\';
        }
    }

    private CanonicalCheck() {
    }

    /** Returns whether the received text of a header called {@code name} is canonical as it is. */
    static boolean isCanonical(HeaderName name, byte[] bytes, int from, int to) {
        if (name == HeaderName.AUTHORIZATION || name == HeaderName.PROXY_AUTHORIZATION
                || name == HeaderName.WWW_AUTHENTICATE || name == HeaderName.PROXY_AUTHENTICATE) {
            return isChallengeOrCredentials(bytes, from, to) && Utf8.isWellFormed(bytes, from, to);
        }
        if (name == HeaderName.AUTHENTICATION_INFO) {
            return isAuthParamList(bytes, from, to) && Utf8.isWellFormed(bytes, from, to);
        }
        // Token lists and media types with token parameters are ASCII by their checks.
        if (name == HeaderName.ALLOW || name == HeaderName.SUPPORTED || name == HeaderName.REQUIRE
                || name == HeaderName.PROXY_REQUIRE || name == HeaderName.UNSUPPORTED) {
            return isTokenList(bytes, from, to);
        }
        if (name == HeaderName.CONTENT_TYPE) {
            return isMediaType(bytes, from, to);
        }
        return false;
    }

    /**
     * Returns whether the text is {@code token [SP auth-param *(", " auth-param)]}, the form
     * {@link AuthValue#format()} writes for a scheme with parameters.
     */
    static boolean isChallengeOrCredentials(byte[] bytes, int from, int to) {
        int schemeEnd = skipToken(bytes, from, to);
        if (schemeEnd == from) {
            return false;
        }
        if (schemeEnd == to) {
            return true;
        }
        return bytes[schemeEnd] == ' ' && isAuthParamList(bytes, schemeEnd + 1, to);
    }

    /**
     * Returns whether the text is {@code auth-param *(", " auth-param)} with each parameter
     * {@code token "=" (token / quoted-string)}, as {@link AuthParam#appendTo} writes it: a quoted
     * value may escape only '"' and '\', which formatting escapes again, and has no control character.
     */
    static boolean isAuthParamList(byte[] bytes, int from, int to) {
        int pos = from;
        while (true) {
            int nameEnd = skipToken(bytes, pos, to);
            if (nameEnd == pos || nameEnd == to || bytes[nameEnd] != '=') {
                return false;
            }
            pos = nameEnd + 1;
            if (pos < to && bytes[pos] == '"') {
                pos = canonicalQuotedEnd(bytes, pos, to);
                if (pos < 0) {
                    return false;
                }
            } else {
                int valueEnd = skipToken(bytes, pos, to);
                if (valueEnd == pos) {
                    return false;
                }
                pos = valueEnd;
            }
            if (pos == to) {
                return true;
            }
            if (!isCommaSpace(bytes, pos, to)) {
                return false;
            }
            pos += 2;
        }
    }

    /**
     * Returns the end of the quoted-string at {@code from}, or -1 when formatting its unescaped
     * content would not give it back: a quoted-pair other than {@code \"} or {@code \\}, or a control
     * character (which includes HT, CR and LF).
     */
    private static int canonicalQuotedEnd(byte[] bytes, int from, int to) {
        for (int i = from + 1; i < to; i++) {
            byte b = bytes[i];
            if (PLAIN_QUOTED[b & 0xFF]) {
                continue;
            }
            if (b == '"') {
                return i + 1;
            }
            if (b == '\\') {
                i++;
                if (i == to || (bytes[i] != '"' && bytes[i] != '\\')) {
                    return -1;
                }
            } else {
                return -1;
            }
        }
        return -1;
    }

    /** Returns whether the text is empty or {@code token *(", " token)}, the form of a joined list of tokens. */
    static boolean isTokenList(byte[] bytes, int from, int to) {
        int pos = from;
        while (pos < to) {
            int tokenEnd = skipToken(bytes, pos, to);
            if (tokenEnd == pos) {
                return false;
            }
            if (tokenEnd == to) {
                return true;
            }
            if (!isCommaSpace(bytes, tokenEnd, to)) {
                return false;
            }
            pos = tokenEnd + 2;
        }
        return pos == from;
    }

    /**
     * Returns whether the text is {@code token "/" token *(";" token ["=" token])}, as
     * {@link ContentType#format()} writes a media type whose parameter values are tokens.
     */
    static boolean isMediaType(byte[] bytes, int from, int to) {
        int typeEnd = skipToken(bytes, from, to);
        if (typeEnd == from || typeEnd == to || bytes[typeEnd] != '/') {
            return false;
        }
        int pos = skipToken(bytes, typeEnd + 1, to);
        if (pos == typeEnd + 1) {
            return false;
        }
        while (pos < to) {
            if (bytes[pos] != ';') {
                return false;
            }
            int nameEnd = skipToken(bytes, pos + 1, to);
            if (nameEnd == pos + 1) {
                return false;
            }
            pos = nameEnd;
            if (pos < to && bytes[pos] == '=') {
                int valueEnd = skipToken(bytes, pos + 1, to);
                if (valueEnd == pos + 1) {
                    return false;
                }
                pos = valueEnd;
            }
        }
        return true;
    }

    private static boolean isCommaSpace(byte[] bytes, int pos, int to) {
        return pos + 2 < to && bytes[pos] == ',' && bytes[pos + 1] == ' ';
    }

    private static int skipToken(byte[] bytes, int pos, int to) {
        while (pos < to && TOKEN[bytes[pos] & 0xFF]) {
            pos++;
        }
        return pos;
    }
}
