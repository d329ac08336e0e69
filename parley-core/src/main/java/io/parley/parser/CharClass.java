package io.parley.parser;

/** Byte classes of the RFC 3261 section 25.1 grammar, as lookup tables indexed by unsigned byte. */
final class CharClass {

    /** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~"). */
    static final boolean[] TOKEN = table("-.!%*_+`'~");

    /** unreserved = alphanum / mark, mark = "-" / "_" / "." / "!" / "~" / "*" / "'" / "(" / ")". */
    static final boolean[] UNRESERVED = table("-_.!~*'()");

    /** user = 1*( unreserved / escaped / user-unreserved ), user-unreserved = "&" / "=" / "+" / "$" / "," / ";" / "?" / "/". */
    static final boolean[] USER = table("-_.!~*'()&=+$,;?/%");

    /** password = *( unreserved / escaped / "&" / "=" / "+" / "$" / "," ). */
    static final boolean[] PASSWORD = table("-_.!~*'()&=+$,%");

    /** paramchar = param-unreserved / unreserved / escaped, param-unreserved = "[" / "]" / "/" / ":" / "&" / "+" / "$". */
    static final boolean[] URI_PARAM = table("-_.!~*'()[]/:&+$%");

    /** hname / hvalue characters: hnv-unreserved / unreserved / escaped, hnv-unreserved = "[" / "]" / "/" / "?" / ":" / "+" / "$". */
    static final boolean[] URI_HEADER = table("-_.!~*'()[]/?:+$%");

    /**
     * word = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~" / "(" / ")" /
     * "<" / ">" / ":" / "\" / DQUOTE / "/" / "[" / "]" / "?" / "{" / "}"), the Call-ID alphabet.
     */
    static final boolean[] WORD = table("-.!%*_+`'~()<>:\\\"/[]?{}");

    /** gen-value = token / host / quoted-string; a header parameter value other than a quoted-string. */
    static final boolean[] GEN_VALUE = table("-.!%*_+`'~:[]");

    /** Characters of a host name or an IPv4 address: alphanum, '-', '.' and '_'. */
    static final boolean[] HOSTNAME = table("-._");

    /** Characters of a host name, an IPv4 address or the inside of an IPv6 reference. */
    static final boolean[] HOST = table("-._:");

    /** Characters of an absolute URI after its scheme (RFC 3261 hier-part / opaque-part, loosely). */
    static final boolean[] ABSOLUTE_URI = table("-_.!~*'();/?:@&=+$,%[]#");

    /** Characters of a tel URI number (RFC 3966 section 3): digits, visual separators, '+', '*', '#'. */
    static final boolean[] TEL_NUMBER = table("+-.()*#");

    /** CTL = %x00-1F / %x7F (RFC 5234 appendix B.1). */
    static final boolean[] CONTROL = controlTable();

    private CharClass() {
    }

    private static boolean[] controlTable() {
        boolean[] table = new boolean[256];
        for (int c = 0; c < 0x20; c++) {
            table[c] = true;
        }
        table[0x7F] = true;
        return table;
    }

    private static boolean[] table(String extra) {
        boolean[] table = new boolean[256];
        for (int c = '0'; c <= '9'; c++) {
            table[c] = true;
        }
        for (int c = 'a'; c <= 'z'; c++) {
            table[c] = true;
            table[c - 32] = true;
        }
        for (int i = 0; i < extra.length(); i++) {
            table[extra.charAt(i)] = true;
        }
        return table;
    }

    static boolean isLws(int b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    static boolean isDigit(int b) {
        return b >= '0' && b <= '9';
    }

    static boolean isAlpha(int b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    /** CTL: %x00-1F and DEL (RFC 5234 appendix B.1). */
    static boolean isControl(int b) {
        return b < 0x20 || b == 0x7F;
    }

    /** Returns a byte as {@code 0x} and two upper-case hex digits, for error messages. */
    static String hex(byte b) {
        return String.format("0x%02X", b & 0xFF);
    }

    static boolean isHex(int b) {
        return isDigit(b) || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
    }
}
