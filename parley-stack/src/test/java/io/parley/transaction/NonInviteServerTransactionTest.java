package io.parley.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.message.Method;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transport.TestMessages;
import io.parley.transport.Transport;
import org.junit.jupiter.api.Test;

class NonInviteServerTransactionTest {

    private final LayerFixture fixture = new LayerFixture();
    private final SipRequest register = TestMessages.received(Method.REGISTER, "z9hG4bKserver1");

    private ServerTransaction receive(Transport transport) {
        fixture.receive(register, transport);
        return fixture.user.requests.get(fixture.user.requests.size() - 1);
    }

    @Test
    void passesNewRequestToUserInTrying() {
        ServerTransaction transaction = receive(Transport.UDP);

        assertThat(fixture.user.requests).hasSize(1);
        assertThat(transaction.state()).isEqualTo(TransactionState.TRYING);
        assertThat(transaction.request()).isEqualTo(register);
    }

    @Test
    void tryingAbsorbsRetransmissionWithoutResponse() {
        receive(Transport.UDP);

        fixture.receive(register, Transport.UDP);

        assertThat(fixture.user.requests).hasSize(1);
        assertThat(fixture.responsesSent()).isZero();
    }

    @Test
    void proceedingResendsLastProvisional() {
        ServerTransaction transaction = receive(Transport.UDP);
        transaction.respond(TestMessages.response(register, 100));

        fixture.receive(register, Transport.UDP);

        assertThat(transaction.state()).isEqualTo(TransactionState.PROCEEDING);
        assertThat(fixture.transport.responses()).extracting(r -> r.statusCode()).containsExactly(100, 100);
        assertThat(fixture.user.requests).hasSize(1);
    }

    @Test
    void completedResendsFinalResponse() {
        ServerTransaction transaction = receive(Transport.UDP);
        transaction.respond(TestMessages.response(register, 200));

        fixture.receive(register, Transport.UDP);

        assertThat(transaction.state()).isEqualTo(TransactionState.COMPLETED);
        assertThat(fixture.transport.responses()).extracting(r -> r.statusCode()).containsExactly(200, 200);
        assertThat(fixture.user.requests).hasSize(1);
    }

    @Test
    void completedResendsBytesSerializedOnAnotherThread() {
        ServerTransaction transaction = receive(Transport.UDP);
        SipResponse ok = TestMessages.response(register, 200);
        transaction.respond(ok, ok.toBytes());

        fixture.receive(register, Transport.UDP);

        assertThat(transaction.request()).isEqualTo(register);
        assertThat(fixture.transport.responses()).containsExactly(ok, ok);
    }

    @Test
    void completedOverUdpLeavesOnlyItsResponseInTheLayer() {
        ServerTransaction transaction = receive(Transport.UDP);
        SipResponse ok = TestMessages.response(register, 200);
        transaction.respond(ok);

        fixture.receive(register, Transport.UDP);
        fixture.receive(register, Transport.UDP);

        assertThat(fixture.layer.size()).isEqualTo(1);
        assertThat(fixture.transport.responses()).containsExactly(ok, ok, ok);
        assertThat(fixture.user.requests).hasSize(1);
        assertThat(transaction.method()).isEqualTo(Method.REGISTER);
        assertThatThrownBy(() -> transaction.respond(ok)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already sent");
    }

    @Test
    void retransmissionAfterTimerJIsNewRequest() {
        ServerTransaction transaction = receive(Transport.UDP);
        transaction.respond(TestMessages.response(register, 200));

        fixture.advance(32_000);
        fixture.receive(register, Transport.UDP);

        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(fixture.user.requests).hasSize(2);
        assertThat(fixture.transport.responses()).hasSize(1);
    }

    @Test
    void completedBranchesKeepOwnResponses() {
        SipRequest other = TestMessages.received(Method.REGISTER, "z9hG4bKserver2");
        ServerTransaction first = receive(Transport.UDP);
        fixture.receive(other, Transport.UDP);
        ServerTransaction second = fixture.user.requests.get(1);
        first.respond(TestMessages.response(register, 200));
        second.respond(TestMessages.response(other, 403));

        fixture.receive(other, Transport.UDP);
        fixture.receive(register, Transport.UDP);

        assertThat(fixture.transport.responses()).extracting(r -> r.statusCode()).containsExactly(200, 403, 403, 200);
    }

    @Test
    void timerJTerminatesAfter64TimesT1OverUdp() {
        ServerTransaction transaction = receive(Transport.UDP);
        transaction.respond(TestMessages.response(register, 200));

        fixture.advance(31_999);
        assertThat(transaction.state()).isEqualTo(TransactionState.COMPLETED);
        fixture.advance(1);

        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(fixture.layer.size()).isZero();
    }

    @Test
    void timerJIsZeroOverTcp() {
        ServerTransaction transaction = receive(Transport.TCP);

        transaction.respond(TestMessages.response(register, 200));

        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
    }

    @Test
    void rejectsSecondFinalResponse() {
        ServerTransaction transaction = receive(Transport.UDP);
        transaction.respond(TestMessages.response(register, 200));

        assertThatThrownBy(() -> transaction.respond(TestMessages.response(register, 500)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already sent");
        assertThat(fixture.responsesSent()).isEqualTo(1);
    }

    @Test
    void rejectsResponseForAnotherRequest() {
        ServerTransaction transaction = receive(Transport.UDP);
        SipRequest other = TestMessages.received(Method.REGISTER, "z9hG4bKother");

        assertThatThrownBy(() -> transaction.respond(TestMessages.response(other, 200)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("branch");
    }

    @Test
    void requestAfterTerminationIsNewTransaction() {
        ServerTransaction transaction = receive(Transport.TCP);
        transaction.respond(TestMessages.response(register, 200));

        fixture.receive(register, Transport.TCP);

        assertThat(fixture.user.requests).hasSize(2);
    }

    @Test
    void transportErrorTerminatesAndTellsUser() {
        ServerTransaction transaction = receive(Transport.UDP);
        fixture.transport.failSends = true;

        transaction.respond(TestMessages.response(register, 200));

        assertThat(transaction.state()).isEqualTo(TransactionState.TERMINATED);
        assertThat(fixture.user.serverFailures).hasSize(1);
    }
}
