package io.parley.registrar;

import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transaction.ServerTransaction;
import io.parley.transaction.SipStack;
import io.parley.transaction.StackSettings;
import io.parley.transaction.TransactionUser;
import io.parley.transport.Flow;
import io.parley.transport.ListeningPoint;
import io.parley.transport.MessageTraceListener;
import io.parley.transport.SocketAddresses;
import io.parley.transport.Transport;
import io.parley.transport.TransportException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registrar on the network: listeners on UDP, TCP and TLS, each request through a server
 * transaction into a {@link Registrar}, and a periodic purge of expired bindings.
 *
 * <p>Each request is processed on the stack thread up to the location store: the checks of RFC 3261
 * section 10.3 and digest verification need no disk or network, and handing each request to another
 * thread cost more than the work itself under load. The store must then not block in
 * {@link io.parley.location.LocationStore#registerAsync}: the in-memory store never does, and the
 * SQLite store commits on a writer thread of its own, whose future hands the response back to the
 * stack (see {@link TransactionUser}).
 */
public final class RegistrarServer implements TransactionUser, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RegistrarServer.class);

    /** How often expired bindings are deleted and logged. */
    public static final Duration PURGE_INTERVAL = Duration.ofSeconds(30);

    /** How long {@link #close} waits for the responses still being computed. */
    public static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Registrar registrar;
    private final SipStack stack;
    private final ScheduledExecutorService purger;
    private volatile boolean closing;
    /** Requests whose response is still being computed, such as those waiting for the store. */
    private final AtomicInteger unanswered = new AtomicInteger();

    private RegistrarServer(Registrar registrar, StackSettings settings, MessageTraceListener trace) {
        this.registrar = Objects.requireNonNull(registrar, "registrar");
        this.purger = Executors.newSingleThreadScheduledExecutor(namedThreads("parley-registrar-purge-"));
        this.stack = new SipStack(settings, this, trace);
    }

    /**
     * Starts listening on every address and returns the running server.
     *
     * @throws TransportException when an address cannot be bound, with the address and the fix in its message;
     *     nothing is left running then
     */
    public static RegistrarServer start(Registrar registrar, List<ListenAddress> addresses, StackSettings settings,
            MessageTraceListener trace) throws TransportException {
        RegistrarServer server = new RegistrarServer(registrar, settings, trace);
        try {
            for (ListenAddress address : addresses) {
                server.listen(address);
            }
        } catch (TransportException | RuntimeException e) {
            server.close();
            throw e;
        }
        long purgeMillis = PURGE_INTERVAL.toMillis();
        server.purger.scheduleWithFixedDelay(server::purge, purgeMillis, purgeMillis, TimeUnit.MILLISECONDS);
        return server;
    }

    private void listen(ListenAddress address) throws TransportException {
        Transport transport = Transport.valueOf(address.transport());
        try {
            ListeningPoint point = stack.listen(transport, new InetSocketAddress(address.host(), address.port()));
            LOG.info("listening on {}", point);
        } catch (TransportException e) {
            String hint = causedByBind(e) ? "the port is in use or the address is not local; stop the other "
                    + "process or choose another --listen value" : "check the --listen value";
            throw new TransportException("cannot listen on " + address + ": " + e.getMessage() + "; " + hint, e);
        }
    }

    private static boolean causedByBind(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return true;
            }
        }
        return false;
    }

    /** Returns the bound listeners with their actual ports. */
    public List<ListeningPoint> listeningPoints() {
        return stack.listeningPoints();
    }

    @Override
    public void onRequest(ServerTransaction transaction) {
        process(transaction);
    }

    private void process(ServerTransaction transaction) {
        unanswered.incrementAndGet();
        SipRequest request = transaction.request();
        Flow flow = transaction.flow();
        RequestSource source = new RequestSource(SocketAddresses.host(flow.remote().getAddress()),
                flow.remote().getPort(), flow.transport().name());
        CompletableFuture<Optional<SipResponse>> response;
        try {
            response = registrar.handleAsync(request, source);
        } catch (RuntimeException e) {
            response = CompletableFuture.failedFuture(e);
        }
        response.whenComplete((answer, failure) -> {
            // Counted until the response is queued on the stack thread, so close() cannot stop the
            // listeners between the store's commit and the send.
            try {
                if (failure == null) {
                    answer.ifPresent(value -> stack.respondLater(transaction, value));
                } else {
                    failed(transaction, source, failure);
                }
            } finally {
                unanswered.decrementAndGet();
            }
        });
    }

    /** Logs the failure and sends a 500, so the client does not wait for Timer F. */
    private void failed(ServerTransaction transaction, RequestSource source, Throwable failure) {
        SipRequest request = transaction.request();
        Throwable cause = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure;
        if (cause instanceof IllegalStateException && closing) {
            LOG.debug("dropped {} call-id={} because the registrar is closing", request.method(), request.callId());
            return;
        }
        LOG.error("failed to handle {} call-id={} branch={} source={}", request.method(), request.callId(),
                request.topVia().flatMap(via -> via.branch()).orElse("none"), source, cause);
        stack.respondLater(transaction, SipResponse.forRequest(request, 500).build());
    }

    @Override
    public void onServerTransactionFailed(ServerTransaction transaction, Exception cause) {
        LOG.warn("response to {} branch={} from {} was not delivered: {}", transaction.method(), transaction.branch(),
                transaction.flow().remote(), cause.getMessage());
    }

    private void purge() {
        try {
            registrar.purgeExpired();
        } catch (RuntimeException e) {
            // A scheduler thread boundary: the next run retries, so only this purge is lost.
            LOG.error("purging expired bindings failed; retrying in {} s", PURGE_INTERVAL.toSeconds(), e);
        }
    }

    /**
     * Stops the purge, waits up to {@link #CLOSE_WAIT} for the responses still being computed, such as
     * those waiting for the store, then stops the listeners. The caller closes the location store
     * afterwards.
     */
    @Override
    public void close() {
        closing = true;
        purger.shutdownNow();
        long deadline = System.nanoTime() + CLOSE_WAIT.toNanos();
        try {
            while (unanswered.get() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            sendQueuedResponses(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stack.close();
        }
    }

    /**
     * Waits until the stack thread has run the tasks queued before this call, among them the
     * responses passed to {@link SipStack#respondLater}, because the stack thread runs its tasks in
     * order. Without it, closing the stack would drop them.
     */
    private void sendQueuedResponses(long deadline) throws InterruptedException {
        long remaining = Math.max(0, deadline - System.nanoTime());
        try {
            stack.executor().submit(() -> { }).get(remaining, TimeUnit.NANOSECONDS);
        } catch (ExecutionException | RejectedExecutionException | TimeoutException e) {
            LOG.warn("closing without waiting for the queued responses: {}", e.toString());
        }
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
