package io.parley.parser;

import io.parley.message.CSeq;
import io.parley.message.ContentType;
import io.parley.message.Method;
import io.parley.message.Parameter;
import io.parley.message.RetryAfter;
import io.parley.message.Warning;
import java.util.ArrayList;
import java.util.List;

/** Reads the header values that are numbers, tokens or short structures. Each returns null after a failure. */
final class ScalarParser {

    /**
     * Maximum significant digits read as a number, after any leading zeros. Longer numbers exceed
     * every range SIP allows, so they are rejected anyway.
     */
    private static final int MAX_DIGITS = 18;

    private ScalarParser() {
    }

    /** Reads 1*DIGIT with leading zeros allowed, at most {@code max}; returns -1 after a failure. */
    static long readNumber(ValueReader r, long max, String what) {
        int start = r.pos;
        long value = 0;
        int significant = 0;
        while (CharClass.isDigit(r.peek())) {
            int digit = r.peek() - '0';
            if (significant > 0 || digit != 0) {
                significant++;
            }
            value = significant > MAX_DIGITS ? Long.MAX_VALUE : value * 10 + digit;
            r.pos++;
        }
        if (r.pos == start) {
            r.fail(r.atEnd() ? "missing " + what : what + " is not a decimal number");
            return -1;
        }
        if (value > max) {
            r.failAt(start, what + " is larger than " + max);
            return -1;
        }
        return value;
    }

    /** Reads a header value that is one number and nothing else, such as Content-Length. */
    static long readWholeNumber(ValueReader r, long max, String what) {
        r.skipLws();
        long value = readNumber(r, max, what);
        r.skipLws();
        if (value >= 0 && !r.atEnd()) {
            r.fail("unexpected text after " + what);
            return -1;
        }
        return value;
    }

    /** Returns delta-seconds (RFC 3261 section 25.1) as a number up to 2^32-1, or -1. */
    static long deltaSeconds(String value) {
        if (value.isEmpty()) {
            return -1;
        }
        long result = 0;
        int significant = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!CharClass.isDigit(c)) {
                return -1;
            }
            if (significant > 0 || c != '0') {
                significant++;
            }
            if (significant > MAX_DIGITS) {
                return -1;
            }
            result = result * 10 + (c - '0');
        }
        return result > CSeq.MAX_SEQUENCE ? -1 : result;
    }

    /** CSeq = 1*DIGIT LWS Method, the number at most 2^32-1 (RFC 3261 section 8.1.1.5). */
    static CSeq readCSeq(ValueReader r) {
        r.skipLws();
        long sequence = readNumber(r, CSeq.MAX_SEQUENCE, "sequence number");
        if (sequence < 0) {
            return null;
        }
        int beforeLws = r.pos;
        r.skipLws();
        if (r.pos == beforeLws) {
            return r.fail("missing space before method");
        }
        int methodStart = r.pos;
        int methodEnd = r.readTokenEnd("method");
        r.skipLws();
        if (methodEnd < 0) {
            return null;
        }
        return r.atEnd() ? new CSeq(sequence, StandardMethods.find(r.bytes, methodStart, methodEnd))
                : r.fail("unexpected text after method");
    }

    /** callid = word [ "@" word ]. */
    static String readCallId(ValueReader r) {
        r.skipLws();
        int start = r.pos;
        r.skipClass(CharClass.WORD);
        if (r.pos == start) {
            return r.fail("missing Call-ID");
        }
        if (r.peek() == '@') {
            r.pos++;
            int hostStart = r.pos;
            r.skipClass(CharClass.WORD);
            if (r.pos == hostStart) {
                return r.fail("missing word after '@'");
            }
        }
        int end = r.pos;
        r.skipLws();
        return r.atEnd() ? r.utf8(start, end) : r.fail("invalid character in Call-ID");
    }

    /** Content-Type = m-type SLASH m-subtype *(SEMI m-parameter). */
    static ContentType readContentType(ValueReader r) {
        r.skipLws();
        String type = r.readToken("media type");
        if (type == null) {
            return null;
        }
        if (!r.skipSeparator('/')) {
            return r.fail("missing '/' in media type");
        }
        String subtype = r.readToken("media subtype");
        if (subtype == null) {
            return null;
        }
        List<Parameter> parameters = AddressParser.readHeaderParameters(r);
        if (parameters == null) {
            return null;
        }
        return r.atEnd() ? new ContentType(type, subtype, parameters) : r.fail("unexpected ',' in media type");
    }

    /**
     * Checks a Content-Type value as {@link #readContentType} reads it, without making strings, and
     * leaves the cursor at the end; false after a failure.
     */
    static boolean checkContentType(ValueReader r) {
        r.skipLws();
        if (r.readTokenEnd("media type") < 0) {
            return false;
        }
        if (!r.skipSeparator('/')) {
            r.fail("missing '/' in media type");
            return false;
        }
        if (r.readTokenEnd("media subtype") < 0 || AddressParser.skipHeaderParameters(r, ParameterRule.NONE) < 0) {
            return false;
        }
        if (!r.atEnd()) {
            r.fail("unexpected ',' in media type");
            return false;
        }
        return true;
    }

    /** Reads {@code [token *(COMMA token)]}, skipping empty list elements. */
    static List<String> readTokenList(ValueReader r) {
        List<String> tokens = new ArrayList<>(4);
        r.skipLws();
        while (!r.atEnd()) {
            if (r.peek() == ',') {
                r.pos++;
                r.skipLws();
                continue;
            }
            String token = r.readToken("option tag or method");
            if (token == null) {
                return null;
            }
            tokens.add(token);
            r.skipLws();
            if (!r.atEnd() && r.peek() != ',') {
                return r.fail("missing ',' between list elements");
            }
        }
        return tokens;
    }

    /** Checks a list exactly as {@link #readTokenList} reads it, without building the list. */
    static boolean checkTokenList(ValueReader r) {
        if (isPlainTokenList(r.bytes, r.pos, r.end)) {
            r.pos = r.end;
            return true;
        }
        return checkAnyTokenList(r);
    }

    /** Checks a list of any form, as {@link #checkTokenList} does. */
    static boolean checkAnyTokenList(ValueReader r) {
        r.skipLws();
        while (!r.atEnd()) {
            if (r.peek() == ',') {
                r.pos++;
                r.skipLws();
                continue;
            }
            int start = r.pos;
            if (r.skipClass(CharClass.TOKEN) == start) {
                r.fail("missing option tag or method");
                return false;
            }
            r.skipLws();
            if (!r.atEnd() && r.peek() != ',') {
                r.fail("missing ',' between list elements");
                return false;
            }
        }
        return true;
    }

    /**
     * Returns true when {@code bytes[pos, end)} is the usual list of tokens separated by a comma and
     * at most one space, which is valid. Returns false for any other form, which
     * {@link #checkAnyTokenList} then checks from the start.
     */
    static boolean isPlainTokenList(byte[] bytes, int pos, int end) {
        while (true) {
            int start = pos;
            while (pos < end && CharClass.TOKEN[bytes[pos] & 0xFF]) {
                pos++;
            }
            if (pos == start) {
                return false;
            }
            if (pos >= end) {
                return true;
            }
            if (bytes[pos] != ',') {
                return false;
            }
            pos++;
            if (pos < end && bytes[pos] == ' ') {
                pos++;
            }
        }
    }

    /** Allow = [Method *(COMMA Method)]. */
    static List<Method> readMethodList(ValueReader r) {
        List<String> tokens = readTokenList(r);
        if (tokens == null) {
            return null;
        }
        List<Method> methods = new ArrayList<>(tokens.size());
        for (String token : tokens) {
            methods.add(Method.of(token));
        }
        return methods;
    }

    /** warning-value = warn-code SP warn-agent SP warn-text, warn-code = 3DIGIT, in a comma list. */
    static List<Warning> readWarnings(ValueReader r) {
        List<Warning> warnings = new ArrayList<>(1);
        do {
            r.skipLws();
            int start = r.pos;
            long code = readNumber(r, 999, "warn-code");
            if (code < 0) {
                return null;
            }
            if (r.pos - start != 3 || code < 100) {
                return r.failAt(start, "warn-code is not three digits from 100 to 999");
            }
            r.skipLws();
            int agentStart = r.pos;
            while (!r.atEnd() && !CharClass.isLws(r.peek()) && r.peek() != '"') {
                r.pos++;
            }
            // warn-agent = hostport / pseudonym, both ASCII (RFC 3261 section 25.1).
            for (int i = agentStart; i < r.pos; i++) {
                if (r.bytes[i] < 0) {
                    return r.failAt(i, "warn-agent is not a host or token");
                }
            }
            String agent = r.ascii(agentStart, r.pos);
            r.skipLws();
            if (agent.isEmpty() || r.peek() != '"') {
                return r.fail("missing warn-agent or quoted warn-text");
            }
            String text = r.readQuotedContent();
            if (text == null) {
                return null;
            }
            warnings.add(new Warning((int) code, agent, text));
            r.skipLws();
        } while (readComma(r));
        return r.atEnd() ? warnings : r.fail("unexpected text after warning");
    }

    /** Retry-After = delta-seconds [ comment ] *( SEMI retry-param ). */
    static RetryAfter readRetryAfter(ValueReader r) {
        r.skipLws();
        long seconds = readNumber(r, CSeq.MAX_SEQUENCE, "delta-seconds");
        if (seconds < 0) {
            return null;
        }
        r.skipLws();
        String comment = "";
        if (r.peek() == '(') {
            comment = readComment(r);
            if (comment == null) {
                return null;
            }
        }
        List<Parameter> parameters = AddressParser.readHeaderParameters(r);
        if (parameters == null) {
            return null;
        }
        return r.atEnd() ? new RetryAfter(seconds, comment, parameters) : r.fail("unexpected ',' in Retry-After");
    }

    /**
     * Reads {@code comment = LPAREN *(ctext / quoted-pair / comment) RPAREN} and returns the text
     * inside the outer parentheses, with each line fold read as one space (RFC 3261 section 7.3.1).
     * A quoted-pair excludes CR and LF (RFC 3261 section 25.1).
     */
    private static String readComment(ValueReader r) {
        int start = r.pos;
        int depth = 0;
        while (!r.atEnd()) {
            int b = r.peek();
            if (b == '\\') {
                if (r.pos + 1 < r.end && (r.bytes[r.pos + 1] == '\r' || r.bytes[r.pos + 1] == '\n')) {
                    return r.fail("quoted-pair of CR or LF");
                }
                r.pos++;
            } else if (b == '(') {
                depth++;
            } else if (b == ')' && --depth == 0) {
                r.pos++;
                return r.unfolded(start + 1, r.pos - 1);
            }
            r.pos++;
        }
        return r.failAt(start, "unterminated comment");
    }

    private static boolean readComma(ValueReader r) {
        if (r.peek() == ',') {
            r.pos++;
            return true;
        }
        return false;
    }
}
