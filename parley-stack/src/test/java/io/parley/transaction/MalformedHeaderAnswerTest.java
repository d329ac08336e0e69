package io.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.Method;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.parser.HeaderChecks;
import io.parley.parser.MessageParseResult;
import io.parley.parser.SipParser;
import io.parley.transport.Flow;
import io.parley.transport.TestMessages;
import io.parley.transport.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The layer responds 400 when its TU reads a header that the parser left to be checked when read and finds malformed. */
class MalformedHeaderAnswerTest {

    private final ManualTimerScheduler clock = new ManualTimerScheduler();
    private final RecordingTransport transport = new RecordingTransport();
    private final Flow flow = new Flow(Transport.UDP, TestMessages.LOCAL, TestMessages.PEER);

    @Test
    void malformedHeaderReadByUserGets400() {
        TransactionLayer layer = new TransactionLayer(transport, clock, TimerSettings.DEFAULTS,
                transaction -> transaction.request().expires());

        layer.onMessage(registerWithExpires("soon"), flow);

        assertThat(transport.responses()).hasSize(1);
        SipResponse response = transport.responses().get(0);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.reasonPhrase()).isEqualTo("Bad Expires: delta-seconds is not a decimal number");
        assertThat(response.to().tag()).isPresent();
    }

    @Test
    void finalResponseSentBeforeTheReadIsKept() {
        TransactionLayer layer = new TransactionLayer(transport, clock, TimerSettings.DEFAULTS, transaction -> {
            transaction.respond(TestMessages.response(transaction.request(), 200));
            transaction.request().expires();
        });

        layer.onMessage(registerWithExpires("soon"), flow);

        assertThat(transport.responses()).extracting(SipResponse::statusCode).containsExactly(200);
    }

    @Test
    void provisionalResponseIsFollowedBy400() {
        TransactionLayer layer = new TransactionLayer(transport, clock, TimerSettings.DEFAULTS, transaction -> {
            transaction.respond(TestMessages.response(transaction.request(), 100));
            transaction.request().expires();
        });

        layer.onMessage(registerWithExpires("soon"), flow);

        assertThat(transport.responses()).extracting(SipResponse::statusCode).containsExactly(100, 400);
    }

    @Test
    void ackWithMalformedHeaderIsDropped() {
        List<SipRequest> acks = new ArrayList<>();
        TransactionLayer layer = new TransactionLayer(transport, clock, TimerSettings.DEFAULTS, new TransactionUser() {
            @Override
            public void onRequest(ServerTransaction transaction) {
            }

            @Override
            public void onAck(SipRequest ack, Flow flow) {
                acks.add(ack);
                ack.expires();
            }
        });

        layer.onMessage(withExpires(Method.ACK, "soon"), flow);

        assertThat(acks).hasSize(1);
        assertThat(transport.responses()).isEmpty();
    }

    private static SipRequest registerWithExpires(String expires) {
        return withExpires(Method.REGISTER, expires);
    }

    /** Returns a received request with the given Expires value, parsed as the stack parses what it receives. */
    private static SipRequest withExpires(Method method, String expires) {
        String text = new String(TestMessages.received(method, "z9hG4bKmalformed1").toBytes(),
                StandardCharsets.UTF_8);
        byte[] bytes = text.replace("\r\n\r\n", "\r\nExpires: " + expires + "\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        MessageParseResult result = SipParser.parseDatagram(bytes, HeaderChecks.CORE);
        assertThat(result).isInstanceOf(MessageParseResult.Parsed.class);
        return (SipRequest) ((MessageParseResult.Parsed) result).message();
    }
}
