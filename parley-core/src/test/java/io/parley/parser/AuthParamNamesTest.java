package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Checks that the parser rejects an auth-param name given twice (RFC 7235 section 2.1) and accepts distinct names. */
class AuthParamNamesTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Digest realm=\"a\", REALM=\"b\"                     | REALM",
        "Digest nonce=\"a,b=\\\"c\\\", d\", realm=x, nonce=y | nonce",
        "Digest a= =x, b=1, A=2                              | A",
        "Digest a = \"x\" , b=1 ,, c=2, b=3                  | b",
        "Digest username=u, user=v, usernam=w, user=x        | user",
        "Digest username=\"a\", realm=r, nonce=n, UserName=b | UserName"
    })
    void rejectsNameGivenTwice(String credentials, String repeated) {
        ParseError error = SipParserTest.reject(register("Authorization: " + credentials));

        assertThat(error.status()).isEqualTo(400);
        assertThat(error.header()).isEqualTo("Authorization");
        assertThat(error.reason()).isEqualTo("auth-param '" + repeated + "' given twice");
    }

    @Test
    void acceptsManyDistinctNames() {
        StringJoiner params = new StringJoiner(", ", "Digest ", "");
        for (int i = 0; i < 200; i++) {
            params.add("p" + i + "=\"v,p" + i + "=x\"");
        }

        assertThat(SipParserTest.parse(register("Authorization: " + params)).authorization()).hasSize(1);
    }

    @Test
    void acceptsNamesThatArePrefixesOfEachOther() {
        String credentials = "Digest username=\"u\", user=\"v\", usernam=w, u=x, use=y";

        assertThat(SipParserTest.parse(register("Authorization: " + credentials)).authorization()).hasSize(1);
    }

    private static String register(String header) {
        return "REGISTER sip:registrar.example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP client.example.com:5060;branch=z9hG4bK74bf9\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:alice@example.com>;tag=9fxced76sl\r\n"
                + "To: <sip:alice@example.com>\r\n"
                + "Call-ID: 3848276298220188511@client.example.com\r\n"
                + "CSeq: 1 REGISTER\r\n"
                + header + "\r\n"
                + "Content-Length: 0\r\n\r\n";
    }
}
