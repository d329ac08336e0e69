package io.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.message.CSeq;
import io.parley.message.Method;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.Via;
import io.parley.transport.TestMessages;
import io.parley.transport.Transport;
import org.junit.jupiter.api.Test;

class InviteServerTransactionTest {

    private static final String BRANCH = "z9hG4bKinvite1";

    private final LayerFixture fixture = new LayerFixture();
    private final SipRequest invite = TestMessages.received(Method.INVITE, BRANCH);

    private ServerTransaction receive(Transport transport) {
        fixture.receive(invite, transport);
        return fixture.user.requests.get(fixture.user.requests.size() - 1);
    }

    /** Returns the ACK a client transaction sends for a non-2xx, with the branch of the INVITE. */
    private SipRequest ackFor(SipResponse response) {
        return invite.ackFor(response);
    }

    /** Returns the ACK for a 2xx, a new transaction with its own branch (RFC 3261 section 13.2.2.4). */
    private SipRequest ackForSuccess() {
        return TestMessages.builder(Method.ACK, 1).via(Via.of("UDP", "127.0.0.1", 5070, "z9hG4bKack2xx"))
                .cseq(new CSeq(1, Method.ACK)).build();
    }

    @Test
    void startsInProceeding() {
        ServerTransaction transaction = receive(Transport.UDP);

        assertThat(transaction.state()).isEqualTo(TransactionState.PROCEEDING);
        assertThat(transaction.isInvite()).isTrue();
    }

    @Test
    void sendsTryingWhenUserIsSilentFor200Milliseconds() {
        receive(Transport.UDP);

        fixture.advance(199);
        assertThat(fixture.responsesSent()).isZero();
        fixture.advance(1);

        assertThat(fixture.transport.responses()).extracting(SipResponse::statusCode).containsExactly(100);
    }

    @Test
    void sendsNoTryingWhenUserRespondsInTime() {
        ServerTransaction transaction = receive(Transport.UDP);

        transaction.respond(TestMessages.response(invite, 180));
        fixture.advance(1_000);

        assertThat(fixture.transport.responses()).extracting(SipResponse::statusCode).containsExactly(180);
    }

    @Test
    void proceedingResendsLastProvisionalForRetransmittedInvite() {
        ServerTransaction transaction = receive(Transport.UDP);
        transaction.respond(TestMessages.response(invite, 180));

        fixture.receive(invite, Transport.UDP);

        assertThat(fixture.transport.responses()).extracting(SipResponse::statusCode).containsExactly(180, 180);
        assertThat(fixture.user.requests).hasSize(1);
    }

    @Test
    void timerGRetransmitsFinalResponseDoublingUpToT2() {
        ServerTransaction transaction = receive(Transport.UDP);
        transaction.respond(TestMessages.response(invite, 486));

        // Intervals 0.5, 1, 2, 4, 4 s: resends at 0.5, 1.5, 3.5, 7.5, 11.5 s.
        fixture.advance(499);
        assertThat(fixture.responsesSent()).isEqualTo(1);
        fixture.advance(1);
        assertThat(fixture.responsesSent()).isEqualTo(2);
        fixture.advance(1_000);
        assertThat(fixture.responsesSent()).isEqualTo(3);
        fixture.advance(2_000);
        assertThat(fixture.responsesSent()).isEqualTo(4);
        fixture.advance(4_000);
        assertThat(fixture.responsesSent()).isEqualTo(5);
        fixture.advance(4_000);
        assertThat(fixture.responsesSent()).isEqualTo(6);
    }

    @Test
    void neverRetransmitsFinalResponseOverTcp() {
        ServerTransaction transaction = receive(Transport.TCP);
        transaction.respond(TestMessages.response(invite, 486));

        fixture.advance(31_000);

        assertThat(fixture.responsesSent()).isEqualTo(1);
    }

    @Test
    void completedResendsFinalResponseForRetransmittedInvite() {
        ServerTransaction transaction = receive(Transport.TCP);
        transaction.respond(TestMessages.response(invite, 486));

        fixture.receive(invite, Transport.TCP);

        assertThat(fixture.transport.responses()).extracting(SipResponse::statusCode).containsExactly(486, 486);
    }

    @Test
    void ackConfirmsAndStopsTimerG() {
        ServerTransaction transaction = receive(Transport.UDP);
        SipResponse busy = TestMessages.response(invite, 486);
        transaction.respond(busy);

        fixture.receive(ackFor(busy), Transport.UDP);
        fixture.advance(4_999);

        assertThat(transaction.state()).isEqualTo(TransactionState.CONFIRMED);
        assertThat(fixture.responsesSent()).isEqualTo(1);
        assertThat(fixture.user.acks).isEmpty();
    }

    @Test
    void timerIEndsConfirmedAfterT4() {
        ServerTransaction transaction = receive(Transport.UDP);
        SipResponse busy = TestMessages.response(invite, 486);
        transaction.respond(busy);
        fixture.receive(ackFor(busy), Transport.UDP);

        fixture.advance(4_999);
        fixture.receive(ackFor(busy), Transport.UDP);
        assertThat(transaction.state()).isEqualTo(TransactionState.CONFIRMED);
        fixture.advance(1);

        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(fixture.user.acks).isEmpty();
    }

    @Test
    void timerIIsZeroOverTcp() {
        ServerTransaction transaction = receive(Transport.TCP);
        SipResponse busy = TestMessages.response(invite, 486);
        transaction.respond(busy);

        fixture.receive(ackFor(busy), Transport.TCP);

        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void timerHTellsUserTheAckNeverArrived() {
        ServerTransaction transaction = receive(Transport.UDP);
        transaction.respond(TestMessages.response(invite, 486));

        fixture.advance(31_999);
        assertThat(fixture.user.serverFailures).isEmpty();
        fixture.advance(1);

        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(fixture.user.serverFailures).singleElement()
                .isInstanceOf(TransactionTimeoutException.class)
                .extracting(Throwable::getMessage).asString().contains("Timer H");
    }

    @Test
    void successEntersAcceptedAndAbsorbsRetransmittedInvite() {
        ServerTransaction transaction = receive(Transport.UDP);
        transaction.respond(TestMessages.response(invite, 200));

        fixture.receive(invite, Transport.UDP);
        fixture.advance(10_000);

        assertThat(transaction.state()).isEqualTo(TransactionState.ACCEPTED);
        assertThat(fixture.transport.responses()).extracting(SipResponse::statusCode).containsExactly(200);
        assertThat(fixture.user.requests).hasSize(1);
    }

    @Test
    void acceptedLetsUserRetransmitSuccess() {
        ServerTransaction transaction = receive(Transport.UDP);
        SipResponse ok = TestMessages.response(invite, 200);
        transaction.respond(ok);

        transaction.respond(ok);

        assertThat(fixture.transport.responses()).extracting(SipResponse::statusCode).containsExactly(200, 200);
    }

    @Test
    void acceptedRejectsNonSuccessFinal() {
        ServerTransaction transaction = receive(Transport.UDP);
        transaction.respond(TestMessages.response(invite, 200));

        assertThatThrownBy(() -> transaction.respond(TestMessages.response(invite, 500)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void successAckGoesToUser() {
        ServerTransaction transaction = receive(Transport.UDP);
        transaction.respond(TestMessages.response(invite, 200));

        fixture.receive(ackForSuccess(), Transport.UDP);

        assertThat(fixture.user.acks).hasSize(1);
        assertThat(transaction.state()).isEqualTo(TransactionState.ACCEPTED);
    }

    @Test
    void acceptedPassesAckToUser() {
        ServerTransaction transaction = receive(Transport.UDP);
        transaction.respond(TestMessages.response(invite, 200));
        SipRequest sameBranchAck = TestMessages.builder(Method.ACK, 1).via(invite.topVia().orElseThrow())
                .cseq(new CSeq(1, Method.ACK)).build();

        fixture.receive(sameBranchAck, Transport.UDP);

        assertThat(fixture.user.acks).hasSize(1);
    }

    @Test
    void timerLEndsAcceptedAfter64TimesT1() {
        ServerTransaction transaction = receive(Transport.TCP);
        transaction.respond(TestMessages.response(invite, 200));

        fixture.advance(31_999);
        assertThat(transaction.state()).isEqualTo(TransactionState.ACCEPTED);
        fixture.advance(1);

        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
    }
}
