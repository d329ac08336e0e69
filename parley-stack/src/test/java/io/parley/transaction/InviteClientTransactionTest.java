package io.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.Method;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transport.TestMessages;
import io.parley.transport.Transport;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class InviteClientTransactionTest {

    private final LayerFixture fixture = new LayerFixture();

    private ClientTransaction invite(Transport transport) {
        return fixture.send(TestMessages.request(Method.INVITE), transport);
    }

    @Test
    void startsInCalling() {
        ClientTransaction transaction = invite(Transport.UDP);

        assertThat(transaction.state()).isEqualTo(TransactionState.CALLING);
        assertThat(transaction.isInvite()).isTrue();
    }

    @Test
    void timerADoublesWithoutCapUntilTimerB() {
        invite(Transport.UDP);

        // Intervals 0.5, 1, 2, 4, 8, 16 s: sends at 0, 0.5, 1.5, 3.5, 7.5, 15.5, 31.5 s.
        fixture.advance(15_499);
        assertThat(fixture.requestsSent()).isEqualTo(5);
        fixture.advance(1);
        assertThat(fixture.requestsSent()).isEqualTo(6);
        fixture.advance(15_999);
        assertThat(fixture.requestsSent()).isEqualTo(6);
        fixture.advance(1);
        assertThat(fixture.requestsSent()).isEqualTo(7);
        fixture.advance(500);
        assertThat(fixture.requestsSent()).as("no send after Timer B").isEqualTo(7);
    }

    @Test
    void timerBTimesOutInCalling() {
        ClientTransaction transaction = invite(Transport.UDP);

        fixture.advance(32_000);

        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(transaction.finalResponse()).failsWithin(Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TransactionTimeoutException.class)
                .withMessageContaining("Timer B");
    }

    @Test
    void neverRetransmitsOverTcp() {
        invite(Transport.TCP);

        fixture.advance(31_999);

        assertThat(fixture.requestsSent()).isEqualTo(1);
    }

    @Test
    void provisionalStopsRetransmissionAndTimerB() {
        ClientTransaction transaction = invite(Transport.UDP);

        fixture.receiveResponse(transaction, 180);
        fixture.advance(120_000);

        assertThat(transaction.state()).isEqualTo(TransactionState.PROCEEDING);
        assertThat(fixture.requestsSent()).isEqualTo(1);
        assertThat(transaction.finalResponse()).isNotDone();
        assertThat(fixture.user.provisionals).extracting(SipResponse::statusCode).containsExactly(180);
    }

    @Test
    void sendsAckForNonSuccessFinalResponse() {
        ClientTransaction transaction = invite(Transport.UDP);
        SipRequest invite = transaction.request();

        fixture.receiveResponse(transaction, 486);

        assertThat(transaction.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(transaction.finalResponse()).isCompletedWithValueMatching(response -> response.statusCode() == 486);
        SipRequest ack = (SipRequest) fixture.transport.last();
        assertThat(ack.method()).isEqualTo(Method.ACK);
        assertThat(ack.requestUri()).isEqualTo(invite.requestUri());
        assertThat(ack.topVia()).isEqualTo(invite.topVia());
        assertThat(ack.cseq().sequence()).isEqualTo(invite.cseq().sequence());
        assertThat(ack.cseq().method()).isEqualTo(Method.ACK);
        assertThat(ack.to().tag()).contains("totag1");
        assertThat(ack.callId()).isEqualTo(invite.callId());
    }

    @Test
    void completedResendsAckForRetransmittedFinalResponse() {
        ClientTransaction transaction = invite(Transport.UDP);
        fixture.receiveResponse(transaction, 486);
        int sent = fixture.requestsSent();

        fixture.receiveResponse(transaction, 486);

        assertThat(fixture.requestsSent()).isEqualTo(sent + 1);
        assertThat(((SipRequest) fixture.transport.last()).method()).isEqualTo(Method.ACK);
    }

    @Test
    void timerDTerminatesAfter32SecondsOverUdp() {
        ClientTransaction transaction = invite(Transport.UDP);
        fixture.receiveResponse(transaction, 486);

        fixture.advance(31_999);
        assertThat(transaction.state()).isEqualTo(TransactionState.COMPLETED);
        fixture.advance(1);

        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void timerDIsZeroOverTcp() {
        ClientTransaction transaction = invite(Transport.TCP);

        fixture.receiveResponse(transaction, 603);

        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(((SipRequest) fixture.transport.last()).method()).isEqualTo(Method.ACK);
    }

    @Test
    void successEntersAcceptedWithoutSendingAck() {
        ClientTransaction transaction = invite(Transport.UDP);

        fixture.receiveResponse(transaction, 200);

        assertThat(transaction.state()).isEqualTo(TransactionState.ACCEPTED);
        assertThat(transaction.finalResponse()).isCompletedWithValueMatching(response -> response.statusCode() == 200);
        assertThat(fixture.transport.requests()).extracting(SipRequest::method).containsExactly(Method.INVITE);
    }

    @Test
    void acceptedPassesFurtherSuccessResponsesToListener() {
        ClientTransaction transaction = invite(Transport.UDP);
        fixture.receiveResponse(transaction, 200);

        fixture.receiveResponse(transaction, 200);
        fixture.receiveResponse(transaction, 200);

        assertThat(fixture.user.additionalSuccesses).hasSize(2);
        assertThat(fixture.user.strayResponses).isEmpty();
    }

    @Test
    void timerMEndsAcceptedAfter64TimesT1() {
        ClientTransaction transaction = invite(Transport.TCP);
        fixture.receiveResponse(transaction, 200);

        fixture.advance(31_999);
        assertThat(transaction.state()).isEqualTo(TransactionState.ACCEPTED);
        fixture.advance(1);

        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void acceptedIgnoresNonSuccessResponse() {
        ClientTransaction transaction = invite(Transport.UDP);
        fixture.receiveResponse(transaction, 200);

        fixture.receiveResponse(transaction, 486);

        assertThat(fixture.transport.requests()).hasSize(1);
        assertThat(fixture.user.additionalSuccesses).isEmpty();
    }

    @Test
    void cancelUsesTheInviteBranchAndMatchesSeparately() {
        ClientTransaction invite = invite(Transport.UDP);
        fixture.receiveResponse(invite, 180);

        ClientTransaction cancel = fixture.layer.sendCancel(invite);
        fixture.receiveResponse(cancel, 200);

        assertThat(cancel.branch()).isEqualTo(invite.branch());
        assertThat(cancel.request().method()).isEqualTo(Method.CANCEL);
        assertThat(cancel.finalResponse()).isCompletedWithValueMatching(response -> response.statusCode() == 200);
        assertThat(invite.finalResponse()).isNotDone();
        assertThat(invite.state()).isEqualTo(TransactionState.PROCEEDING);
    }
}
