package io.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.message.CSeq;
import io.parley.message.ContentType;
import io.parley.message.Method;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.Via;
import io.parley.transport.TestMessages;
import io.parley.transport.Transport;
import org.junit.jupiter.api.Test;

class TransactionMatchingTest {

    private final LayerFixture fixture = new LayerFixture();

    @Test
    void everyClientTransactionGetsFreshBranch() {
        ClientTransaction first = fixture.send(TestMessages.request(Method.REGISTER), Transport.UDP);
        ClientTransaction second = fixture.send(TestMessages.request(Method.REGISTER), Transport.UDP);

        assertThat(first.branch()).startsWith(Via.MAGIC_COOKIE).hasSize(Via.MAGIC_COOKIE.length() + 32);
        assertThat(second.branch()).startsWith(Via.MAGIC_COOKIE).isNotEqualTo(first.branch());
        assertThat(first.request().topVia().orElseThrow().branch()).contains(first.branch());
    }

    @Test
    void responseWithUnknownBranchIsStray() {
        fixture.send(TestMessages.request(Method.REGISTER), Transport.UDP);
        SipResponse stray = TestMessages.response(TestMessages.received(Method.REGISTER, "z9hG4bKunknown"), 200);

        fixture.layer.onMessage(stray, LayerFixture.flow(Transport.UDP));

        assertThat(fixture.user.strayResponses).containsExactly(stray);
    }

    @Test
    void otherMethodSameBranchIsStray() {
        ClientTransaction invite = fixture.send(TestMessages.request(Method.INVITE), Transport.UDP);
        SipRequest cancelShape = invite.request().toBuilder().method(Method.CANCEL)
                .cseq(new CSeq(1, Method.CANCEL)).build();

        fixture.layer.onMessage(TestMessages.response(cancelShape, 200), LayerFixture.flow(Transport.UDP));

        assertThat(invite.finalResponse()).isNotDone();
        assertThat(fixture.user.strayResponses).hasSize(1);
    }

    @Test
    void otherSentByStartsNewTransaction() {
        SipRequest first = TestMessages.received(Method.OPTIONS, "z9hG4bKsame");
        SipRequest second = first.toBuilder().via(Via.of("UDP", "127.0.0.2", 5070, "z9hG4bKsame")).build();

        fixture.receive(first, Transport.UDP);
        fixture.receive(second, Transport.UDP);

        assertThat(fixture.user.requests).hasSize(2);
    }

    @Test
    void cancelFindsItsInviteTransaction() {
        SipRequest invite = TestMessages.received(Method.INVITE, "z9hG4bKcancelled");
        fixture.receive(invite, Transport.UDP);

        fixture.receive(invite.cancel(), Transport.UDP);

        assertThat(fixture.user.requests).hasSize(2);
        ServerTransaction cancel = fixture.user.requests.get(1);
        assertThat(cancel.request().method()).isEqualTo(Method.CANCEL);
        assertThat(fixture.layer.findCancelledInvite(cancel.request())).contains(fixture.user.requests.get(0));
    }

    @Test
    void cancelWithoutInviteFindsNothing() {
        SipRequest invite = TestMessages.received(Method.INVITE, "z9hG4bKnever");

        assertThat(fixture.layer.findCancelledInvite(invite.cancel())).isEmpty();
    }

    @Test
    void ackWithoutTransactionGoesToUser() {
        SipRequest ack = TestMessages.builder(Method.ACK, 1).via(Via.of("UDP", "127.0.0.1", 5070, "z9hG4bKlone"))
                .build();

        fixture.receive(ack, Transport.UDP);

        assertThat(fixture.user.acks).containsExactly(ack);
        assertThat(fixture.user.requests).isEmpty();
    }

    @Test
    void rfc2543RequestRetransmissionIsAbsorbed() {
        SipRequest legacy = TestMessages.builder(Method.OPTIONS, 7).via(Via.of("UDP", "127.0.0.1", 5070, "1234"))
                .build();

        fixture.receive(legacy, Transport.UDP);
        fixture.receive(legacy, Transport.UDP);
        fixture.receive(legacy.toBuilder().cseq(new CSeq(8, Method.OPTIONS)).build(), Transport.UDP);

        assertThat(fixture.user.requests).hasSize(2);
    }

    @Test
    void sendRequestRejectsAck() {
        assertThatThrownBy(() -> fixture.send(TestMessages.request(Method.ACK), Transport.UDP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("sendStateless");
    }

    @Test
    void statelessRequestGetsFreshBranch() {
        SipRequest ack = TestMessages.request(Method.ACK);

        fixture.layer.sendStateless(ack, LayerFixture.destination(Transport.UDP));

        SipRequest sent = fixture.transport.requests().get(0);
        assertThat(sent.topVia().orElseThrow().branch()).isPresent().get().asString()
                .startsWith(Via.MAGIC_COOKIE).isNotEqualTo("z9hG4bKplaceholder");
        assertThat(fixture.layer.size()).isZero();
    }

    @Test
    void largeUdpRequestRunsAsReliableTransaction() {
        SipRequest large = TestMessages.builder(Method.MESSAGE, 1)
                .body(ContentType.of("text", "plain"), new byte[1_400]).build();

        ClientTransaction transaction = fixture.send(large, Transport.UDP);
        fixture.advance(10_000);

        assertThat(transaction.destination().transport()).isEqualTo(Transport.TCP);
        assertThat(fixture.requestsSent()).isEqualTo(1);
    }
}
