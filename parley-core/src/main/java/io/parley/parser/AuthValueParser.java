package io.parley.parser;

import io.parley.message.AuthParam;
import io.parley.message.AuthValue;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the values of the four authentication headers and Authentication-Info.
 *
 * <p>These headers are never split at top-level commas by the header parser, because their own
 * grammar separates parameters with commas (RFC 3261 section 25.1):
 * <pre>
 * challenge   = ("Digest" LWS digest-cln *(COMMA digest-cln)) / other-challenge
 * auth-param  = auth-param-name EQUAL ( token / quoted-string )
 * ainfo       = nextnonce / message-qop / response-auth / cnonce / nonce-count
 * </pre>
 * Unquoted values are read up to the next comma or whitespace, which accepts the tokens the
 * grammar allows and the unquoted URIs some clients send. Empty list elements are skipped
 * (RFC 7230 section 7). Control characters other than HTAB are rejected in every value, quoted
 * or not, because qdtext and quoted-pair exclude them (RFC 7230 section 3.2.6) and a value such
 * as a realm is echoed into the next request. A parameter name may occur only once (RFC 7235
 * section 2.1), so a challenge cannot carry two realms or two nonces.
 */
public final class AuthValueParser {

    private AuthValueParser() {
    }

    /** Parses {@code scheme [token68 / auth-param *(COMMA auth-param)]}. */
    public static ParseResult<AuthValue> parseChallengeOrCredentials(String input) {
        int pos = skipLws(input, 0);
        int schemeStart = pos;
        pos = skipToken(input, pos);
        if (pos == schemeStart) {
            return malformed(input, pos, "auth-scheme token");
        }
        String scheme = input.substring(schemeStart, pos);
        int afterScheme = skipLws(input, pos);
        if (afterScheme == input.length()) {
            return new ParseResult.Parsed<>(AuthValue.of(scheme, List.of()), input.length());
        }
        if (afterScheme == pos) {
            return malformed(input, pos, "whitespace after the auth-scheme");
        }

        String token68 = readToken68(input, afterScheme);
        if (token68 != null) {
            return new ParseResult.Parsed<>(new AuthValue(scheme, List.of(), token68), input.length());
        }
        return parseParams(input, afterScheme, scheme);
    }

    /** Parses a bare parameter list, the form of Authentication-Info (RFC 3261 section 20.6). */
    public static ParseResult<AuthValue> parseParamList(String input) {
        return parseParams(input, skipLws(input, 0), "");
    }

    private static ParseResult<AuthValue> parseParams(String input, int start, String scheme) {
        List<AuthParam> params = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int pos = start;
        while (true) {
            pos = skipSeparators(input, pos);
            if (pos >= input.length()) {
                return new ParseResult.Parsed<>(new AuthValue(scheme, params, ""), input.length());
            }
            int nameStart = pos;
            pos = skipToken(input, pos);
            if (pos == nameStart) {
                return malformed(input, pos, "auth-param name");
            }
            String name = input.substring(nameStart, pos);
            if (!names.add(name.toLowerCase(Locale.ROOT))) {
                return malformed(input, nameStart, "auth-param '" + name + "' only once (RFC 7235 section 2.1)");
            }
            pos = skipLws(input, pos);
            if (pos >= input.length() || input.charAt(pos) != '=') {
                return malformed(input, pos, "'=' after auth-param '" + name + "'");
            }
            pos = skipLws(input, pos + 1);
            if (pos < input.length() && input.charAt(pos) == '"') {
                StringBuilder value = new StringBuilder();
                int end = readQuotedString(input, pos, value);
                if (end < 0) {
                    return malformed(input, pos, "closing '\"' of the value of '" + name + "'");
                }
                int control = indexOfControl(input, pos, end);
                if (control >= 0) {
                    return malformed(input, control, noControlCharacter(input, control, name));
                }
                params.add(AuthParam.quoted(name, value.toString()));
                pos = end;
            } else {
                int valueStart = pos;
                while (pos < input.length() && input.charAt(pos) != ',' && !isLws(input.charAt(pos))) {
                    pos++;
                }
                if (pos == valueStart) {
                    return malformed(input, pos, "a value for auth-param '" + name + "'");
                }
                int control = indexOfControl(input, valueStart, pos);
                if (control >= 0) {
                    return malformed(input, control, noControlCharacter(input, control, name));
                }
                params.add(AuthParam.token(name, input.substring(valueStart, pos)));
            }
            pos = skipLws(input, pos);
            if (pos < input.length() && input.charAt(pos) != ',') {
                return malformed(input, pos, "',' between auth-params");
            }
        }
    }

    /** Returns the token68 at {@code pos} when it is the whole rest of the input, else null. */
    private static String readToken68(String input, int pos) {
        int end = pos;
        while (end < input.length() && isToken68Char(input.charAt(end))) {
            end++;
        }
        int bodyEnd = end;
        while (end < input.length() && input.charAt(end) == '=') {
            end++;
        }
        if (bodyEnd == pos || skipLws(input, end) != input.length()) {
            return null;
        }
        // "name=value" with a token value is an auth-param, not a token68 ending in '='.
        if (end - bodyEnd == 1 && end < input.length()) {
            return null;
        }
        return input.substring(pos, end);
    }

    /**
     * Reads {@code quoted-string = DQUOTE *(qdtext / quoted-pair) DQUOTE} starting at the opening
     * quote, appending the unescaped content. Returns the index after the closing quote, or -1.
     */
    static int readQuotedString(String input, int pos, StringBuilder value) {
        int i = pos + 1;
        while (i < input.length()) {
            char c = input.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                if (i + 1 >= input.length()) {
                    return -1;
                }
                value.append(input.charAt(i + 1));
                i += 2;
                continue;
            }
            value.append(c);
            i++;
        }
        return -1;
    }

    /** Returns the index of the first control character other than HTAB in {@code [from, to)}, or -1. */
    private static int indexOfControl(String input, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = input.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return i;
            }
        }
        return -1;
    }

    private static String noControlCharacter(String input, int index, String name) {
        return String.format("no control character (found 0x%02x) in the value of '%s'", (int) input.charAt(index), name);
    }

    private static int skipSeparators(String input, int pos) {
        while (pos < input.length() && (input.charAt(pos) == ',' || isLws(input.charAt(pos)))) {
            pos++;
        }
        return pos;
    }

    private static int skipLws(String input, int pos) {
        while (pos < input.length() && isLws(input.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    private static int skipToken(String input, int pos) {
        while (pos < input.length() && isTokenChar(input.charAt(pos))) {
            pos++;
        }
        return pos;
    }

    private static boolean isLws(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /** RFC 3261 section 25.1: token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"). */
    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '!' || c == '%' || c == '*' || c == '_'
                || c == '+' || c == '`' || c == '\'' || c == '~';
    }

    private static boolean isToken68Char(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
    }

    private static <T> ParseResult<T> malformed(String input, int pos, String expected) {
        return new ParseResult.Malformed<>(pos, expected, excerpt(input, pos));
    }

    private static String excerpt(String input, int pos) {
        if (pos >= input.length()) {
            return "end of value";
        }
        int end = Math.min(input.length(), pos + 20);
        return "'" + input.substring(pos, end) + (end < input.length() ? "...'" : "'");
    }
}
