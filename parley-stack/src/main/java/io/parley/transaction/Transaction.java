package io.parley.transaction;

import io.parley.message.SipRequest;
import io.parley.transaction.TimerScheduler.ScheduledTimer;
import java.time.Duration;
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

    private static final int TIMER_COUNT = TimerName.values().length;

    final TransactionLayer layer;
    final TransactionKey key;
    final boolean reliable;
    /** The running timers by {@link TimerName#ordinal()}, made on the first start. */
    private ScheduledTimer[] timers;
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
        LOG.debug("{} transaction {} {} {} -> {}", kind(), key.branch(), key.method(), state, next);
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
        if (timers == null) {
            timers = new ScheduledTimer[TIMER_COUNT];
        }
        timers[name.ordinal()] = layer.scheduler().schedule(delay, () -> {
            timers[name.ordinal()] = null;
            if (state != TransactionState.TERMINATED) {
                action.run();
            }
        });
    }

    final void cancelTimer(TimerName name) {
        if (timers == null) {
            return;
        }
        ScheduledTimer timer = timers[name.ordinal()];
        if (timer != null) {
            timers[name.ordinal()] = null;
            timer.cancel();
        }
    }

    private void cancelAllTimers() {
        if (timers == null) {
            return;
        }
        for (int i = 0; i < timers.length; i++) {
            if (timers[i] != null) {
                timers[i].cancel();
                timers[i] = null;
            }
        }
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
        return kind() + " transaction " + key.branch() + " " + key.method() + " " + state;
    }
}
