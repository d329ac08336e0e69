package io.parley.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.Method;
import io.parley.message.Parameter;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.Via;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ViaRulesTest {

    private static SipResponse responseWithVia(Via via) {
        SipRequest request = TestMessages.builder(Method.REGISTER, 1).via(via).build();
        return TestMessages.response(request, 200);
    }

    private static Via via(String host, int port, String... parameters) {
        Via via = Via.of("UDP", host, port, "z9hG4bKrules");
        for (String parameter : parameters) {
            int equals = parameter.indexOf('=');
            via = via.withParameter(equals < 0 ? Parameter.flag(parameter)
                    : new Parameter(parameter.substring(0, equals), parameter.substring(equals + 1)));
        }
        return via;
    }

    @ParameterizedTest(name = "{0}:{1} {2} {3} -> {4}")
    @CsvSource({
        // sent-by host, sent-by port, received, rport, expected target
        "127.0.0.1, 5070, , , 127.0.0.1:5070",
        "127.0.0.1, -1, , , 127.0.0.1:5060",
        "example.com, 5070, received=127.0.0.2, , 127.0.0.2:5070",
        "example.com, 5070, received=127.0.0.2, rport=40000, 127.0.0.2:40000",
        "127.0.0.1, 5070, received=127.0.0.3, rport, 127.0.0.3:5070",
        "[::1], 5070, , rport=40001, [0:0:0:0:0:0:0:1]:40001",
    })
    void unreliableResponseTarget(String host, int port, String received, String rport, String expected) {
        List<String> parameters = new ArrayList<>();
        if (received != null) {
            parameters.add(received);
        }
        if (rport != null) {
            parameters.add(rport);
        }
        SipResponse response = responseWithVia(via(host, port, parameters.toArray(String[]::new)));

        Optional<InetSocketAddress> target = ViaRules.responseTarget(response, Transport.UDP, true);

        assertThat(target).map(SocketAddresses::format).contains(expected);
    }

    @Test
    void reliableResponseTargetIgnoresRport() {
        SipResponse response = responseWithVia(via("127.0.0.1", 5070, "received=127.0.0.2", "rport=40000"));

        assertThat(ViaRules.responseTarget(response, Transport.TCP, false)).map(SocketAddresses::format)
                .contains("127.0.0.2:5070");
    }

    @Test
    void hostNameWithoutReceivedIsNeverResolved() {
        SipResponse response = responseWithVia(via("registrar.invalid", 5060));

        assertThat(ViaRules.responseTarget(response, Transport.UDP, true)).isEmpty();
    }

    @Test
    void outboundStampReplacesSentByAndAddsRport() {
        SipRequest request = TestMessages.builder(Method.OPTIONS, 1)
                .via(via("placeholder.invalid", 1, "received=192.0.2.9", "x-custom=1")).build();
        InetSocketAddress local = new InetSocketAddress(InetAddress.getLoopbackAddress(), 5099);

        Via stamped = ViaRules.stampOutbound(request, Transport.TCP, local).topVia().orElseThrow();

        assertThat(stamped.transport()).isEqualTo("TCP");
        assertThat(stamped.host()).isEqualTo("127.0.0.1");
        assertThat(stamped.port()).isEqualTo(5099);
        assertThat(stamped.hasRport()).isTrue();
        assertThat(stamped.received()).isEmpty();
        assertThat(stamped.branch()).contains("z9hG4bKrules");
        assertThat(stamped.parameter("x-custom")).contains("1");
    }

    @Test
    void contactAddressShowsTranslatedAddress() {
        SipResponse response = responseWithVia(via("10.0.0.5", 5060, "received=127.0.0.7", "rport=40002"));

        ContactAddress contact = ContactAddress.of(response).orElseThrow();

        assertThat(SocketAddresses.format(contact.sentBy())).isEqualTo("10.0.0.5:5060");
        assertThat(SocketAddresses.format(contact.observed())).isEqualTo("127.0.0.7:40002");
        assertThat(contact.isTranslated()).isTrue();
    }
}
