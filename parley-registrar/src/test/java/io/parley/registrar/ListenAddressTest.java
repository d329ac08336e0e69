package io.parley.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ListenAddressTest {

    @ParameterizedTest
    @CsvSource({
        "udp:127.0.0.1:5060, UDP, 127.0.0.1, 5060",
        "TCP:127.0.0.1:5070, TCP, 127.0.0.1, 5070",
        "tls:127.0.0.1, TLS, 127.0.0.1, 5061",
        "udp:localhost, UDP, localhost, 5060",
        "tcp:[::1]:5062, TCP, ::1, 5062",
        "tls:[::1], TLS, ::1, 5061",
        "udp:127.0.0.1:0, UDP, 127.0.0.1, 0",
    })
    void parsesTransportHostAndPort(String text, String transport, String host, int port) {
        assertThat(ListenAddress.parse(text)).isEqualTo(new ListenAddress(transport, host, port));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1:5060 | udp, tcp or tls",
        "sctp:127.0.0.1 | udp, tcp or tls",
        "udp: | address is empty",
        "udp:127.0.0.1:70000 | above 65535",
        "udp:127.0.0.1:50a | not a number",
        "tcp:::1:5060 | needs brackets",
        "tcp:[::1 | closing ']'",
        "udp | no transport",
    })
    void rejectsInvalidValueNamingProblem(String text, String problem) {
        assertThatThrownBy(() -> ListenAddress.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"" + text + "\"")
                .hasMessageContaining(problem);
    }

    @ParameterizedTest
    @CsvSource({"udp:127.0.0.1:5060", "tcp:[::1]:5062"})
    void formatsAsParsed(String text) {
        assertThat(ListenAddress.parse(text).toString()).isEqualTo(text);
    }
}
