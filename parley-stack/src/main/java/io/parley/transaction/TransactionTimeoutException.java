package io.parley.transaction;

import java.time.Duration;

/** No final response arrived before Timer B (INVITE) or Timer F (non-INVITE) fired. */
public class TransactionTimeoutException extends Exception {

    private static final long serialVersionUID = 1L;

    public TransactionTimeoutException(String message) {
        super(message);
    }

    static TransactionTimeoutException of(String timer, Duration after, String method, String branch) {
        return new TransactionTimeoutException("no final response to " + method + " (branch " + branch
                + ") within " + after.toMillis() + " ms: Timer " + timer + " fired");
    }

    static TransactionTimeoutException noAck(Duration after, int status, String branch) {
        return new TransactionTimeoutException("no ACK for the " + status + " response to INVITE (branch " + branch
                + ") within " + after.toMillis() + " ms: Timer H fired");
    }
}
