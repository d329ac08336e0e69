package io.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.message.Method;
import io.parley.message.SipResponse;
import io.parley.transport.TestMessages;
import io.parley.transport.Transport;
import io.parley.transport.TransportException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

class NonInviteClientTransactionTest {

    private final LayerFixture fixture = new LayerFixture();

    @Test
    void startsInTryingAfterSendingOnce() {
        ClientTransaction transaction = fixture.send(TestMessages.request(Method.REGISTER), Transport.UDP);

        assertThat(transaction.state()).isEqualTo(TransactionState.TRYING);
        assertThat(fixture.requestsSent()).isEqualTo(1);
    }

    @Test
    void timerERetransmitsWithDoublingIntervalUpToT2() {
        fixture.send(TestMessages.request(Method.REGISTER), Transport.UDP);

        // Intervals 0.5, 1, 2, 4, 4 s: sends at 0, 0.5, 1.5, 3.5, 7.5, 11.5 s.
        long[] sendTimes = {500, 1_500, 3_500, 7_500, 11_500};
        long now = 0;
        for (int i = 0; i < sendTimes.length; i++) {
            fixture.advance(sendTimes[i] - now - 1);
            assertThat(fixture.requestsSent()).as("sends just before %d ms", sendTimes[i]).isEqualTo(i + 1);
            fixture.advance(1);
            assertThat(fixture.requestsSent()).as("sends at %d ms", sendTimes[i]).isEqualTo(i + 2);
            now = sendTimes[i];
        }
    }

    @Test
    void retransmissionsAreIdenticalToTheOriginal() {
        fixture.send(TestMessages.request(Method.REGISTER), Transport.UDP);

        fixture.advance(1_500);

        assertThat(fixture.transport.requests()).hasSize(3).allSatisfy(
                request -> assertThat(request).isEqualTo(fixture.transport.requests().get(0)));
    }

    @Test
    void timerERetransmitsEveryT2InProceeding() {
        ClientTransaction transaction = fixture.send(TestMessages.request(Method.REGISTER), Transport.UDP);
        fixture.receiveResponse(transaction, 100);
        int before = fixture.requestsSent();

        fixture.advance(500);
        assertThat(fixture.requestsSent()).isEqualTo(before + 1);
        fixture.advance(3_999);
        assertThat(fixture.requestsSent()).isEqualTo(before + 1);
        fixture.advance(1);
        assertThat(fixture.requestsSent()).isEqualTo(before + 2);
    }

    @Test
    void neverRetransmitsOverTcp() {
        fixture.send(TestMessages.request(Method.REGISTER), Transport.TCP);

        fixture.advance(31_999);

        assertThat(fixture.requestsSent()).isEqualTo(1);
    }

    @Test
    void timerFTimesOutAfter64TimesT1() {
        ClientTransaction transaction = fixture.send(TestMessages.request(Method.REGISTER), Transport.UDP);

        fixture.advance(31_999);
        assertThat(transaction.finalResponse()).isNotDone();
        fixture.advance(1);

        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(transaction.finalResponse()).failsWithin(java.time.Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TransactionTimeoutException.class)
                .withMessageContaining("Timer F");
        assertThat(fixture.layer.size()).isZero();
    }

    @Test
    void timerFAlsoFiresInProceeding() {
        ClientTransaction transaction = fixture.send(TestMessages.request(Method.REGISTER), Transport.TCP);
        fixture.receiveResponse(transaction, 100);

        fixture.advance(32_000);

        assertThat(transaction.finalResponse()).isCompletedExceptionally();
    }

    @Test
    void provisionalMovesToProceeding() {
        ClientTransaction transaction = fixture.send(TestMessages.request(Method.REGISTER), Transport.UDP);

        fixture.receiveResponse(transaction, 100);

        assertThat(transaction.state()).isEqualTo(TransactionState.PROCEEDING);
        assertThat(fixture.user.provisionals).extracting(SipResponse::statusCode).containsExactly(100);
        assertThat(transaction.finalResponse()).isNotDone();
    }

    @Test
    void finalResponseCompletesFutureAndStopsRetransmission() {
        ClientTransaction transaction = fixture.send(TestMessages.request(Method.REGISTER), Transport.UDP);

        fixture.receiveResponse(transaction, 200);
        fixture.advance(4_000);

        assertThat(transaction.finalResponse()).isCompletedWithValueMatching(response -> response.statusCode() == 200);
        assertThat(transaction.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(fixture.requestsSent()).isEqualTo(1);
    }

    @Test
    void completedAbsorbsRetransmittedFinalResponse() {
        ClientTransaction transaction = fixture.send(TestMessages.request(Method.REGISTER), Transport.UDP);
        fixture.receiveResponse(transaction, 401);

        fixture.receiveResponse(transaction, 401);
        fixture.receiveResponse(transaction, 100);

        assertThat(transaction.finalResponse()).isCompletedWithValueMatching(response -> response.statusCode() == 401);
        assertThat(fixture.user.provisionals).isEmpty();
        assertThat(fixture.user.strayResponses).isEmpty();
    }

    @Test
    void timerKTerminatesAfterT4OverUdp() {
        ClientTransaction transaction = fixture.send(TestMessages.request(Method.REGISTER), Transport.UDP);
        fixture.receiveResponse(transaction, 200);

        fixture.advance(4_999);
        assertThat(transaction.state()).isEqualTo(TransactionState.COMPLETED);
        fixture.advance(1);

        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(fixture.layer.size()).isZero();
    }

    @Test
    void terminatesAtOnceOverTcp() {
        ClientTransaction transaction = fixture.send(TestMessages.request(Method.REGISTER), Transport.TCP);

        fixture.receiveResponse(transaction, 200);

        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void responseAfterTerminationIsStray() {
        ClientTransaction transaction = fixture.send(TestMessages.request(Method.REGISTER), Transport.TCP);
        fixture.receiveResponse(transaction, 200);

        fixture.receiveResponse(transaction, 200);

        assertThat(fixture.user.strayResponses).hasSize(1);
    }

    @Test
    void transportErrorFailsTheTransaction() {
        fixture.transport.failSends = true;

        ClientTransaction transaction = fixture.send(TestMessages.request(Method.REGISTER), Transport.TCP);

        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(transaction.finalResponse()).failsWithin(java.time.Duration.ZERO)
                .withThrowableOfType(ExecutionException.class)
                .withCauseInstanceOf(TransportException.class);
    }
}
