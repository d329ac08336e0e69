package io.parley.transaction;

import io.parley.message.SipRequest;
import io.parley.transaction.TimerScheduler.ScheduledTimer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * State and timers shared by the four transaction machines. Not thread-safe: every method runs on
 * the thread that owns the {@link TransactionLayer}.
 */
abstract sealed class Transaction permits ClientTransaction, ServerTransaction {

    private static final Logger LOG = LoggerFactory.getLogger(Transaction.class);

    /** The timers of RFC 3261 section 17 and RFC 6026, plus the 200 ms wait before a 100 Trying. */
    enum TimerName { A, B, D, E, F, G, H, I, J, K, L, M, TRYING_100 }

    final TransactionLayer layer;
    final TransactionKey key;
    final boolean reliable;
    private final Map<TimerName, ScheduledTimer> timers = new EnumMap<>(TimerName.class);
    private volatile TransactionState state;

    Transaction(TransactionLayer layer, TransactionKey key, boolean reliable, TransactionState initial) {
        this.layer = layer;
        this.key = key;
        this.reliable = reliable;
        this.state = initial;
    }

    /** Returns the request that created the transaction. */
    public abstract SipRequest request();

    /** Returns the current state. */
    public TransactionState state() {
        return state;
    }

    /** Returns the branch of the top Via, the transaction identifier of RFC 3261 section 17. */
    public String branch() {
        return key.branch();
    }

    /** Changes state; a terminated transaction stays terminated, as when a send failed on the way. */
    final void moveTo(TransactionState next) {
        if (state == next || state == TransactionState.TERMINATED) {
            return;
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} transaction {} {} -> {} (Call-ID {})", kind(), key.branch(), state, next, request().callId());
        }
        state = next;
        if (next == TransactionState.TERMINATED) {
            cancelAllTimers();
            layer.remove(this);
        }
    }

    /** Starts a timer; a zero duration runs the action at once, as RFC 3261 does for reliable transports. */
    final void startTimer(TimerName name, Duration delay, Runnable action) {
        cancelTimer(name);
        if (state == TransactionState.TERMINATED) {
            return;
        }
        if (delay.isZero()) {
            action.run();
            return;
        }
        timers.put(name, layer.scheduler().schedule(delay, () -> {
            timers.remove(name);
            if (state != TransactionState.TERMINATED) {
                action.run();
            }
        }));
    }

    final void cancelTimer(TimerName name) {
        ScheduledTimer timer = timers.remove(name);
        if (timer != null) {
            timer.cancel();
        }
    }

    private void cancelAllTimers() {
        for (ScheduledTimer timer : timers.values()) {
            timer.cancel();
        }
        timers.clear();
    }

    final TimerSettings settings() {
        return layer.settings();
    }

    final boolean isTerminated() {
        return state == TransactionState.TERMINATED;
    }

    abstract String kind();

    @Override
    public String toString() {
        return kind() + " transaction " + key.branch() + " " + request().method() + " " + state;
    }
}
