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
 * whitespace.
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
        while (true) {
            while (!r.atEnd() && (r.peek() == ',' || CharClass.isLws(r.peek()))) {
                r.pos++;
            }
            if (r.atEnd()) {
                return true;
            }
            if (!checkParam(r)) {
                return false;
            }
            r.skipLws();
            if (!r.atEnd() && r.peek() != ',') {
                r.fail("missing ',' between auth-params");
                return false;
            }
        }
    }

    private static boolean checkParam(ValueReader r) {
        int nameStart = r.pos;
        r.skipClass(CharClass.TOKEN);
        if (r.pos == nameStart) {
            r.fail("missing auth-param name");
            return false;
        }
        r.skipLws();
        if (r.peek() != '=') {
            r.fail("missing '=' after auth-param name");
            return false;
        }
        r.pos++;
        r.skipLws();
        if (r.peek() == '"') {
            return r.skipQuoted();
        }
        int valueStart = r.pos;
        while (!r.atEnd() && r.peek() != ',' && !CharClass.isLws(r.peek())) {
            r.pos++;
        }
        if (r.pos == valueStart) {
            r.fail("missing auth-param value");
            return false;
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
