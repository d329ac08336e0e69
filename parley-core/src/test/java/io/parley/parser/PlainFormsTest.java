package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.NameAddress;
import io.parley.message.SipUri;
import io.parley.message.Uri;
import io.parley.message.Via;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The one-pass readers of the usual Request-URI, address, sent-by, auth-param list and token
 * list must accept only what the general readers accept, with the same result, and leave every
 * other value to them untouched. Each pair runs on listed values and on seeded mutations of them.
 */
class PlainFormsTest {

    /** Request lines from the Request-URI to the line end, the range the start line reader passes on. */
    private static final String[] REQUEST_URIS = {
        "sip:registrar.example.com SIP/2.0",
        "sip:bob@biloxi.example.com SIP/2.0",
        "sip:alice@192.0.2.10:5060;transport=udp;lr SIP/2.0",
        "SIP:Bob_1@host-a.example.com:65535 SIP/2.0",
        "sip:example.com;maddr=[2001:db8::1] SIP/2.0",
        "sip:alice:pw@example.com SIP/2.0",
        "sips:alice@example.com SIP/2.0",
        "sip:alice@example.com?subject=x SIP/2.0",
        "sip:%61lice@example.com SIP/2.0",
        "sip:[2001:db8::1]:5060 SIP/2.0",
        "tel:+1-201-555-0123 SIP/2.0",
        "sip:a@b:05060 SIP/2.0",
        "sip:a@b",
    };

    private static final String[] ADDRESSES = {
        "Alice <sip:alice@atlanta.example.com>;tag=1928301774",
        "\"Alice\" <sip:alice@example.com>;tag=x",
        "\"Al\\\"ice\" <sip:a@b>;tag=x",
        "\"Alice\"<sip:alice@example.com>;tag=x",
        "<sip:alice@example.com:5060;transport=tcp;lr>;tag=x;foo",
        "<sip:example.com>;tag=x",
        "<sip:alice:pw@example.com>;tag=1",
        "<sips:alice@example.com>;tag=1",
        "<SIP:alice@example.com>;tag=1",
        "<sip:alice@[2001:db8::1]:5060>;tag=1",
        "<sip:%61lice@example.com>;tag=1",
        "<sip:alice@example.com;maddr=192.0.2.1?Subject=x>;tag=1",
        "<sip:alice@example.com>;tag=\"quoted\"",
        "<sip:alice@example.com>;TAG=Up;tag=second",
        "<sip:alice@example.com> ;tag=1",
        "Alice Smith <sip:alice@example.com>;tag=1",
        "<sip:alice@example.com:05060>;tag=1",
        "<sip:alice@example.com:65536>;tag=1",
        "<sip:alice@example.com:0>",
        "<sip:alice@example.com;a=>;tag=1",
        "<sip:@example.com>;tag=1",
        "<tel:+1-201-555-0123>;tag=1",
        "sip:alice@example.com;tag=1",
        "\"Ünicode\" <sip:u@example.com>;tag=1",
        "<sip:alice@example.com>;tag=a:b",
        "<sip:alice@example.com>;tag",
        "<sip:a;b@example.com>;tag=1",
        "\"\" <sip:alice@example.com>",
        "<sip:alice@192.0.2.10:5060;transport=udp>;expires=3600",
        "<sip:alice@example.com>;expires=4294967296;q=0.5",
        "<sip:alice@example.com>;q=1.5",
        "<sip:a@b>, <sip:c@d>;q=1",
    };

    /** Values after {@code SIP/2.0/UDP}, starting at the space before sent-by. */
    private static final String[] SENT_BYS = {
        " pc33.atlanta.example.com:5060;branch=z9hG4bKnashds8;received=192.0.2.101",
        " 192.0.2.10:5060;rport;branch=z9hG4bK776asdhds",
        " host:05060;branch=z9hG4bK1",
        " host:65536;branch=1",
        " [2001:db8::1]:5060;branch=1",
        " host;received=2001:db8::1;branch=1",
        " host;rport=65536;branch=1",
        " host;ttl=256;maddr=224.2.0.1;branch=1",
        " host;branch=\"quoted\"",
        " host;BRANCH=x;branch=y",
        " host ;branch=1",
        " host;branch=1, SIP/2.0/TCP h2;branch=2",
        " host;received=bad_host!;branch=1",
        " host;branch",
        " ho_st;branch=1",
    };

    /** Values after {@code Digest }. */
    private static final String[] PARAM_LISTS = {
        "username=\"alice\", realm=\"example.com\", nonce=\"ea9c8e88df84f1cec4341ae6cbe5a359\","
                + " uri=\"sip:registrar.example.com\", response=\"dfe56131d1958046689d83306477ecc\","
                + " algorithm=MD5, cnonce=\"0a4f113b\", qop=auth, nc=00000001",
        "username = \"alice\"",
        "realm=\"a\", realm=\"b\"",
        "REALM=\"a\",realm=\"b\"",
        "uri=\"a\\\"b\"",
        "username=\"alice\",",
        "a=x , b=y",
        "a=\"\"",
        "a=\"x\" b=\"y\"",
        "a=b=c",
        "a=\"unterminated",
        "nc=1,  qop=auth,,x=y",
    };

    private static final String[] TOKEN_LISTS = {
        "INVITE, ACK, CANCEL, BYE, OPTIONS, UPDATE",
        "replaces,timer",
        "a ,b",
        "a,  b",
        "a,",
        "",
    };

    private static final String[] INSERTS = {
        " ", "\t", ";", ",", "\"", "\\", "<", ">", ":", "=", "%", "%41", "é", "@", "[", "]", "?", "0", "\r\n ",
        "\u007f", "\u0001", "a", "Z", "-", "sip:", ";tag=", "\"x\"",
    };

    @Test
    void plainRequestUriMatchesGeneralReader() {
        int plain = 0;
        for (String value : mutations(REQUEST_URIS, 5)) {
            ValueReader fast = reader(value);
            SipUri fastValue = UriParser.readPlainRequestUri(fast);
            if (fastValue == null) {
                assertThat(fast.pos).as(value).isZero();
                continue;
            }
            plain++;
            int uriEnd = value.indexOf(' ');
            assertThat(fast.pos).as(value).isEqualTo(uriEnd);
            Uri generalValue = UriParser.readUri(reader(value), uriEnd);
            assertThat(generalValue).as(value).isEqualTo(fastValue);
            assertThat(fastValue.format()).as(value).isEqualTo(generalValue.format());
            assertThat(fastValue.user()).as(value).isEqualTo(((SipUri) generalValue).user());
            assertThat(fastValue.headers()).as(value).isEmpty();
        }
        assertThat(plain).isGreaterThan(1_000);
    }

    @Test
    void plainAddressMatchesGeneralReader() {
        int plain = 0;
        for (String value : mutations(ADDRESSES, 1)) {
            for (ParameterRule rule : ParameterRule.values()) {
                ValueReader fast = reader(value);
                NameAddress fastValue = AddressParser.readPlainAddress(fast, rule);
                ValueReader general = reader(value);
                NameAddress generalValue = AddressParser.readAnyAddress(general, rule);
                if (fastValue == null) {
                    assertThat(fast.pos).as(value).isZero();
                    continue;
                }
                plain++;
                assertThat(generalValue).as(value).isEqualTo(fastValue);
                assertThat(fastValue.format()).as(value).isEqualTo(generalValue.format());
                assertThat(fastValue.tag()).as(value).isEqualTo(generalValue.tag());
                assertThat(fast.pos).as(value).isEqualTo(general.pos);
                assertThat(fast.parameterProblem()).as(value).isEqualTo(general.parameterProblem());
            }
        }
        assertThat(plain).isGreaterThan(1_000);
    }

    @Test
    void plainSentByMatchesGeneralReader() {
        int plain = 0;
        for (String value : mutations(SENT_BYS, 2)) {
            ValueReader fast = reader(value);
            Via fastValue = ViaParser.readPlainSentBy(fast, "SIP", "2.0", "UDP");
            ValueReader general = reader(value);
            Via generalValue = ViaParser.readAnySentBy(general, "SIP", "2.0", "UDP");
            if (fastValue == null) {
                assertThat(fast.pos).as(value).isZero();
                continue;
            }
            plain++;
            assertThat(generalValue).as(value).isEqualTo(fastValue);
            assertThat(fastValue.branch()).as(value).isEqualTo(generalValue.branch());
            assertThat(fast.pos).as(value).isEqualTo(general.pos);
        }
        assertThat(plain).isGreaterThan(1_000);
    }

    @Test
    void plainParamListPassesGeneralCheck() {
        int plain = 0;
        for (String value : mutations(PARAM_LISTS, 3)) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            ValueReader general = reader(value);
            // The header section runs the plain check only on values whose control characters are HT and folds.
            if (!general.controlFree || !AuthSyntax.isPlainParamList(bytes, 0, bytes.length)) {
                continue;
            }
            plain++;
            assertThat(AuthSyntax.checkAnyParamList(general)).as(value).isTrue();
            assertThat(general.pos).as(value).isEqualTo(bytes.length);
        }
        assertThat(plain).isGreaterThan(1_000);
    }

    @Test
    void plainTokenListPassesGeneralCheck() {
        int plain = 0;
        for (String value : mutations(TOKEN_LISTS, 4)) {
            byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
            if (!ScalarParser.isPlainTokenList(bytes, 0, bytes.length)) {
                continue;
            }
            plain++;
            assertThat(ScalarParser.checkAnyTokenList(reader(value))).as(value).isTrue();
        }
        assertThat(plain).isGreaterThan(1_000);
    }

    /** Returns a reader over the value, flagged control-free as the header section flags it. */
    private static ValueReader reader(String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ValueReader reader = new ValueReader(bytes, 0, bytes.length);
        boolean controlFree = true;
        for (byte b : bytes) {
            controlFree &= (b & 0xFF) >= 0x20 && b != 0x7F || b == '\t' || b == '\r' || b == '\n';
        }
        reader.controlFree = controlFree;
        return reader;
    }

    /** Returns the seeds, then 20,000 copies of them with one to three inserts or replacements each. */
    private static List<String> mutations(String[] seeds, long randomSeed) {
        Random random = new Random(randomSeed);
        List<String> values = new ArrayList<>(List.of(seeds));
        for (int i = 0; i < 20_000; i++) {
            String value = seeds[random.nextInt(seeds.length)];
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits; e++) {
                int at = value.isEmpty() ? 0 : random.nextInt(value.length());
                String insert = INSERTS[random.nextInt(INSERTS.length)];
                int cut = random.nextBoolean() && at < value.length() ? 1 : 0;
                value = value.substring(0, at) + insert + value.substring(at + cut);
            }
            values.add(value);
        }
        return values;
    }
}
