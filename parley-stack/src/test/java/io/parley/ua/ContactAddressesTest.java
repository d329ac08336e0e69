package io.parley.ua;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.Contact;
import io.parley.message.NameAddress;
import io.parley.message.Parameter;
import io.parley.message.SipUri;
import io.parley.message.Uri;
import io.parley.message.Via;
import io.parley.parser.ParseResult;
import io.parley.parser.SipParser;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContactAddressesTest {

    private static final LocalEndpoint UDP = new LocalEndpoint("UDP", "127.0.0.1", 5070);

    private static Contact contact(String uri, String... parameters) {
        ParseResult<Uri> parsed = SipParser.parseUri(uri);
        Uri value = ((ParseResult.Parsed<Uri>) parsed).value();
        List<Parameter> list = new ArrayList<>();
        for (int i = 0; i < parameters.length; i += 2) {
            list.add(new Parameter(parameters[i], parameters[i + 1]));
        }
        return Contact.of(new NameAddress("", value, list));
    }

    @Test
    void findsOwnContactWithDefaultPortAndTransportCase() {
        Contact own = contact("sip:23@127.0.0.1:5060;transport=tcp");
        Contact listed = contact("sip:23@127.0.0.1;transport=TCP;ob", "expires", "300");

        assertThat(ContactAddresses.findOwn(List.of(listed), own)).hasValue(listed);
    }

    @Test
    void ignoresOtherUserPortAndTransport() {
        Contact own = contact("sip:23@127.0.0.1:5070");
        List<Contact> others = List.of(contact("sip:24@127.0.0.1:5070"), contact("sip:23@127.0.0.1:5071"),
                contact("sip:23@127.0.0.1:5070;transport=tcp"), Contact.WILDCARD);

        assertThat(ContactAddresses.findOwn(others, own)).isEmpty();
    }

    @Test
    void readsReceivedAndRport() {
        Via via = Via.of("UDP", "127.0.0.1", 5070, "z9hG4bK1").withReceived("198.51.100.4").withRport(61000);

        assertThat(ContactAddresses.observedBy(via, UDP)).hasValue(new LocalEndpoint("UDP", "198.51.100.4", 61000));
    }

    @Test
    void bracketsIpv6Received() {
        Via via = Via.of("UDP", "127.0.0.1", 5070, "z9hG4bK1").withReceived("2001:db8::9");

        assertThat(ContactAddresses.observedBy(via, UDP)).hasValue(new LocalEndpoint("UDP", "[2001:db8::9]", 5070));
    }

    @Test
    void ignoresRportWithoutValue() {
        Via via = Via.of("UDP", "127.0.0.1", 5070, "z9hG4bK1").withParameter(Parameter.flag("rport"));

        assertThat(ContactAddresses.observedBy(via, UDP)).isEmpty();
    }

    @Test
    void buildsTlsContactWithTransportParameter() {
        Contact built = ContactAddresses.contactFor("alice", new LocalEndpoint("tls", "[::1]", 5061));

        assertThat(built.format()).isEqualTo("<sip:alice@[::1]:5061;transport=tls>");
        assertThat(((SipUri) built.address().uri()).transport()).hasValue("tls");
    }

    @Test
    void dropsExpiresForUnregister() {
        Contact granted = contact("sip:23@127.0.0.1:5070", "expires", "60", "q", "0.5");

        assertThat(ContactAddresses.withoutExpires(granted).format()).isEqualTo("<sip:23@127.0.0.1:5070>;q=0.5");
    }
}
