package io.parley.transaction;

import io.parley.message.Method;
import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.Via;
import java.util.Locale;
import java.util.Optional;

/**
 * The identity a message is matched on. Client transactions match on the top Via branch and the
 * CSeq method (RFC 3261 section 17.1.3). Server transactions also match on the sent-by, and an ACK
 * matches the INVITE it acknowledges (section 17.2.3).
 *
 * @param branch the top Via branch, or for a request without an RFC 3261 branch a key built from
 *     its Call-ID, From tag, CSeq number and top Via
 * @param sentByHost the top Via sent-by host in lower case for server transactions, empty for client ones
 * @param sentByPort the top Via sent-by port for server transactions, -1 for client ones
 * @param method the method of the transaction: the CSeq method, with ACK mapped to INVITE
 */
record TransactionKey(String branch, String sentByHost, int sentByPort, Method method) {

    /** Returns the client key of a response or of a request we send. */
    static Optional<TransactionKey> forClient(SipMessage message) {
        Optional<Via> via = message.topVia();
        if (via.isEmpty() || via.get().branch().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TransactionKey(via.get().branch().get(), "", -1, message.cseq().method()));
    }

    /** Returns the server key of a received request; an ACK gets the key of its INVITE. */
    static TransactionKey forServer(SipRequest request) {
        Via via = request.topVia().orElseThrow(() -> new IllegalArgumentException("request has no Via"));
        Method method = request.method().equals(Method.ACK) ? Method.INVITE : request.method();
        // Kept as the Via's own strings and a port rather than one new string, because a server keeps
        // each key for Timer J, 32 s, and lower-casing returns the same string for a lower-case host.
        String sentByHost = via.host().toLowerCase(Locale.ROOT);
        int sentByPort = via.port();
        if (via.hasRfc3261Branch()) {
            return new TransactionKey(via.branch().orElseThrow(), sentByHost, sentByPort, method);
        }
        // NOTE: RFC 3261 section 17.2.3 matches RFC 2543 requests on more fields: Request-URI, To tag
        // and the whole top Via. This key uses only Call-ID, From tag, CSeq number and the top Via.
        String fromTag = request.from().tag().orElse("");
        String legacy = "rfc2543:" + request.callId() + ":" + fromTag + ":" + request.cseq().sequence() + ":"
                + via.host() + ":" + via.port() + ":" + via.branch().orElse("");
        return new TransactionKey(legacy, sentByHost, sentByPort, method);
    }

    /** Returns the server key of the INVITE that a CANCEL cancels (RFC 3261 section 9.2). */
    static TransactionKey inviteCancelledBy(SipRequest cancel) {
        TransactionKey own = forServer(cancel);
        return new TransactionKey(own.branch, own.sentByHost, own.sentByPort, Method.INVITE);
    }
}
