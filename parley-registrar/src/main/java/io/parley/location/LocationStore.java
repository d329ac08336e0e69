package io.parley.location;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The registrar's location service: bindings from an address-of-record to contacts
 * (RFC 3261 section 10.3).
 *
 * <p>One REGISTER is one {@link #register} call, which applies all its changes or none. Every
 * implementation is safe for concurrent use, and concurrent calls for the same AOR never lose an
 * update. Lookups never return expired bindings.
 */
public interface LocationStore extends AutoCloseable {

    /**
     * Applies the changes of one REGISTER atomically under the rules of RFC 3261 section 10.3 steps
     * 6 and 7, and commits them before returning.
     *
     * @throws LocationStoreException when the backend fails, in which case nothing was changed
     */
    RegisterResult register(RegisterRequest request);

    /**
     * Applies the changes of one REGISTER like {@link #register}, for a caller that must not wait, such
     * as a network event loop. The future completes once the changes are committed, or exceptionally
     * with the exception {@link #register} would throw. This default calls {@link #register} on the
     * calling thread, which suits a store that keeps its data in memory. A store that waits for a
     * disk or a network must override it, or it blocks the caller's thread.
     */
    default CompletableFuture<RegisterResult> registerAsync(RegisterRequest request) {
        try {
            return CompletableFuture.completedFuture(register(request));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** Returns the bindings of {@code aor} that have not expired at {@code now}. */
    List<Binding> lookup(String aor, Instant now);

    /**
     * Deletes every binding that has expired at {@code now}.
     *
     * @return the bindings deleted
     */
    List<Binding> purgeExpired(Instant now);

    /** Releases the store. Later calls throw {@link IllegalStateException}. */
    @Override
    void close();
}
