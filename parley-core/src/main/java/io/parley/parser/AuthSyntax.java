package io.parley.parser;

/**
 * Checks the syntax of authentication header values on the bytes, without building them, so that
 * a message with a malformed credential is rejected at parse time while {@link AuthValueParser}
 * builds the value only when it is read. Accepts what {@link AuthValueParser} accepts:
 * <pre>
 * credentials = auth-scheme [ 1*SP ( token68 / auth-param *( "," auth-param ) ) ]
 * auth-param  = token BWS "=" BWS ( token / quoted-string )
 * </pre>
 * with empty list elements skipped (RFC 7230 section 7) and unquoted values read up to a comma or
 * whitespace. Like {@link AuthValueParser}, it rejects control characters in values (a realm or
 * nonce is echoed into the next request) and a parameter name given twice (RFC 7235 section 2.1).
 */
final class AuthSyntax {

    private AuthSyntax() {
    }

    /** Checks WWW-Authenticate, Proxy-Authenticate, Authorization or Proxy-Authorization. */
    static boolean checkChallengeOrCredentials(ValueReader r) {
        r.skipLws();
        int schemeStart = r.pos;
        r.skipClass(CharClass.TOKEN);
        if (r.pos == schemeStart) {
            r.fail("missing auth-scheme");
            return false;
        }
        int afterScheme = r.pos;
        r.skipLws();
        if (r.atEnd()) {
            return true;
        }
        if (r.pos == afterScheme) {
            r.fail("missing space after auth-scheme");
            return false;
        }
        return isToken68(r) || checkParamList(r);
    }

    /** Checks an auth-param list, the form of Authentication-Info. */
    static boolean checkParamList(ValueReader r) {
        if (r.controlFree && isPlainParamList(r.bytes, r.pos, r.end)) {
            r.pos = r.end;
            return true;
        }
        return checkAnyParamList(r);
    }

    /**
     * Returns true when {@code bytes[pos, end)} is the usual auth-param list, which is valid. Its
     * {@code name=value} pairs are separated by a comma and spaces, with no whitespace around '='.
     * Each value is a quoted string without quoted-pairs or an unquoted run, and no two names share
     * a hash.
     * Returns false for anything else, which {@link #checkAnyParamList} then checks from the start.
     * The caller has made sure that the range contains no control character but HT and the CRLF
     * of a fold.
     */
    static boolean isPlainParamList(byte[] bytes, int pos, int end) {
        long seenHashes = 0;
        while (true) {
            int nameStart = pos;
            int hash = 0;
            while (pos < end && CharClass.TOKEN[bytes[pos] & 0xFF]) {
                hash = 37 * hash + (bytes[pos] | 0x20);
                pos++;
            }
            if (pos == nameStart || pos + 1 >= end || bytes[pos] != '=') {
                return false;
            }
            long hashBit = 1L << mixNameHash(hash);
            if ((seenHashes & hashBit) != 0) {
                return false;
            }
            seenHashes |= hashBit;
            pos++;
            if (bytes[pos] == '"') {
                pos = ByteScan.indexOfQuoteOrBackslash(bytes, pos + 1, end);
                if (pos >= end || bytes[pos] != '"') {
                    return false;
                }
                pos++;
            } else {
                int valueStart = pos;
                while (pos < end && bytes[pos] != ',' && (bytes[pos] & 0xFF) > ' ') {
                    pos++;
                }
                if (pos == valueStart) {
                    return false;
                }
            }
            if (pos >= end) {
                return true;
            }
            if (bytes[pos] != ',') {
                return false;
            }
            pos++;
            while (pos < end && bytes[pos] == ' ') {
                pos++;
            }
            if (pos >= end) {
                return false;
            }
        }
    }

    /** Checks an auth-param list of any form, as {@link #checkParamList} does. */
    static boolean checkAnyParamList(ValueReader r) {
        int listStart = r.pos;
        // One bit per name hash: a name whose bit is clear cannot repeat an earlier one, so only a
        // name whose bit is set is compared with the earlier names.
        long seenHashes = 0;
        while (true) {
            while (!r.atEnd() && (r.peek() == ',' || CharClass.isLws(r.peek()))) {
                r.pos++;
            }
            if (r.atEnd()) {
                return true;
            }
            int nameStart = r.pos;
            int nameHash = checkParam(r);
            if (nameHash < 0) {
                return false;
            }
            long hashBit = 1L << nameHash;
            if ((seenHashes & hashBit) != 0) {
                int nameEnd = nameStart;
                while (CharClass.TOKEN[r.bytes[nameEnd] & 0xFF]) {
                    nameEnd++;
                }
                if (isDuplicateName(r.bytes, listStart, nameStart, nameEnd)) {
                    r.pos = nameStart;
                    r.fail("auth-param '" + new String(r.bytes, nameStart, nameEnd - nameStart,
                            java.nio.charset.StandardCharsets.ISO_8859_1) + "' given twice");
                    return false;
                }
            }
            seenHashes |= hashBit;
            r.skipLws();
            if (!r.atEnd() && r.peek() != ',') {
                r.fail("missing ',' between auth-params");
                return false;
            }
        }
    }

    /**
     * Checks {@code auth-param} at the cursor and returns the {@link #mixNameHash} of its name, or -1
     * after a failure. The name is hashed while it is scanned, so each of its bytes is read once.
     */
    private static int checkParam(ValueReader r) {
        byte[] bytes = r.bytes;
        int end = r.end;
        int nameStart = r.pos;
        int pos = nameStart;
        int hash = 0;
        while (pos < end && CharClass.TOKEN[bytes[pos] & 0xFF]) {
            hash = 37 * hash + (bytes[pos] | 0x20);
            pos++;
        }
        r.pos = pos;
        if (pos == nameStart) {
            r.fail("missing auth-param name");
            return -1;
        }
        r.skipLws();
        if (r.peek() != '=') {
            r.fail("missing '=' after auth-param name");
            return -1;
        }
        r.pos++;
        r.skipLws();
        int valueStart = r.pos;
        boolean valid;
        if (r.peek() == '"') {
            valid = r.skipQuoted() && hasNoControl(r, valueStart);
        } else {
            pos = valueStart;
            while (pos < end && bytes[pos] != ',' && !CharClass.isLws(bytes[pos])) {
                pos++;
            }
            r.pos = pos;
            if (pos == valueStart) {
                r.fail("missing auth-param value");
                return -1;
            }
            valid = hasNoControl(r, valueStart);
        }
        return valid ? mixNameHash(hash) : -1;
    }

    /**
     * Fails at the first control character in {@code [from, r.pos)}. CR and LF there can only be
     * line folding, which the header section check already allowed, so they pass.
     */
    private static boolean hasNoControl(ValueReader r, int from) {
        if (r.controlFree) {
            return true;
        }
        for (int i = from; i < r.pos; i++) {
            int b = r.bytes[i] & 0xFF;
            if ((b < 0x20 && b != '\t' && b != '\r' && b != '\n') || b == 0x7f) {
                r.pos = i;
                r.fail(String.format("control character 0x%02x in auth-param value", b));
                return false;
            }
        }
        return true;
    }

    /**
     * Mixes {@code hash}, the fold {@code h = 37 * h + (b | 0x20)} over a token's bytes, into a value
     * from 0 to 63. Names that differ only in ASCII case hash alike. The constants give distinct values to the
     * sixteen usual Digest parameter names (username, realm, nonce, uri, response, algorithm, cnonce,
     * qop, nc, opaque, stale, domain, nextnonce, rspauth, charset, userhash), so a usual
     * Authorization header needs no rescan.
     */
    private static int mixNameHash(int hash) {
        return (hash ^ (hash >>> 7) ^ (hash >>> 14)) & 63;
    }

    /**
     * Returns whether {@code bytes[start, end)} equals, ignoring ASCII case, the name of an auth-param
     * between {@code listStart} and {@code start}, which {@link #checkParam} has already checked.
     */
    private static boolean isDuplicateName(byte[] bytes, int listStart, int start, int end) {
        int pos = listStart;
        while (true) {
            while (pos < start && (bytes[pos] == ',' || CharClass.isLws(bytes[pos]))) {
                pos++;
            }
            if (pos >= start) {
                return false;
            }
            int otherStart = pos;
            while (CharClass.TOKEN[bytes[pos] & 0xFF]) {
                pos++;
            }
            if (equalsIgnoreCase(bytes, otherStart, pos, start, end)) {
                return true;
            }
            pos = skipParamValue(bytes, pos);
        }
    }

    /** Returns the offset after {@code BWS "=" BWS ( token / quoted-string )} that starts at {@code pos}. */
    private static int skipParamValue(byte[] bytes, int pos) {
        while (CharClass.isLws(bytes[pos])) {
            pos++;
        }
        pos++;
        while (CharClass.isLws(bytes[pos])) {
            pos++;
        }
        if (bytes[pos] == '"') {
            pos++;
            while (bytes[pos] != '"') {
                pos += bytes[pos] == '\\' ? 2 : 1;
            }
            return pos + 1;
        }
        while (pos < bytes.length && bytes[pos] != ',' && !CharClass.isLws(bytes[pos])) {
            pos++;
        }
        return pos;
    }

    private static boolean equalsIgnoreCase(byte[] bytes, int start, int end, int otherStart, int otherEnd) {
        if (end - start != otherEnd - otherStart) {
            return false;
        }
        for (int i = 0; i < end - start; i++) {
            if ((bytes[start + i] | 0x20) != (bytes[otherStart + i] | 0x20)) {
                return false;
            }
        }
        return true;
    }

    /** token68 = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=", as the whole rest of the value. */
    private static boolean isToken68(ValueReader r) {
        int start = r.pos;
        int i = start;
        while (i < r.end && isToken68Char(r.bytes[i] & 0xFF)) {
            i++;
        }
        int bodyEnd = i;
        while (i < r.end && r.bytes[i] == '=') {
            i++;
        }
        int padEnd = i;
        while (i < r.end && CharClass.isLws(r.bytes[i])) {
            i++;
        }
        // "name=value" is an auth-param, not a token68 that ends in one '='.
        if (bodyEnd == start || i != r.end || (padEnd - bodyEnd == 1 && padEnd < r.end)) {
            return false;
        }
        r.pos = r.end;
        return true;
    }

    private static boolean isToken68Char(int b) {
        return CharClass.isAlpha(b) || CharClass.isDigit(b) || b == '-' || b == '.' || b == '_' || b == '~'
                || b == '+' || b == '/';
    }
}
