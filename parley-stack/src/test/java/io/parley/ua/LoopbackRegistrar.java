package io.parley.ua;

import io.parley.auth.DigestServer;
import io.parley.auth.InMemoryCredentialStore;
import io.parley.auth.NonceCountTracker;
import io.parley.auth.NonceIssuer;
import io.parley.auth.ServerConfig;
import io.parley.auth.Verification;
import io.parley.message.AuthValue;
import io.parley.message.Contact;
import io.parley.message.Parameter;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.transaction.ServerTransaction;
import io.parley.transaction.SipStack;
import io.parley.transaction.StackSettings;
import io.parley.transaction.TransactionUser;
import io.parley.transport.ListeningPoint;
import io.parley.transport.MessageTraceListener;
import io.parley.transport.Transport;
import io.parley.transport.TransportException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A registrar on a second {@link SipStack} on loopback: challenges with Parley's digest server
 * (strict qop=auth), grants the requested expiry, and records the requests it accepted.
 */
final class LoopbackRegistrar implements TransactionUser, AutoCloseable {

    private final SipStack stack;
    private final DigestServer digest;
    private final List<SipRequest> accepted = new CopyOnWriteArrayList<>();
    private final ListeningPoint point;

    LoopbackRegistrar(Transport transport) throws TransportException {
        this(transport, new InetSocketAddress("127.0.0.1", 0));
    }

    LoopbackRegistrar(Transport transport, InetSocketAddress local) throws TransportException {
        SecureRandom random = new SecureRandom();
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        digest = new DigestServer(ServerConfig.defaults("loopback"),
                new InMemoryCredentialStore().add("23", "loopback", "4321"),
                new NonceIssuer(secret, Clock.systemUTC(), random, Duration.ofMinutes(5)), new NonceCountTracker(100));
        stack = new SipStack(StackSettings.DEFAULTS, this, MessageTraceListener.NONE);
        point = stack.listen(transport, local);
    }

    InetSocketAddress address() {
        return point.address();
    }

    List<SipRequest> accepted() {
        return accepted;
    }

    @Override
    public void onRequest(ServerTransaction transaction) {
        SipRequest request = transaction.request();
        List<AuthValue> credentials = request.authorization();
        Verification verification = credentials.isEmpty() ? null
                : digest.verify(credentials.get(0), request.method().name(), request.requestUri().format(), new byte[0]);
        if (!(verification instanceof Verification.Accepted)) {
            boolean stale = verification instanceof Verification.Rejected rejected && rejected.stale();
            SipResponse.Builder challenge = SipResponse.forRequest(request, 401).toTag("loop");
            digest.challenges(stale).forEach(challenge::addWwwAuthenticate);
            transaction.respond(challenge.build());
            return;
        }
        accepted.add(request);
        SipResponse.Builder ok = SipResponse.forRequest(request, 200).toTag("loop");
        long expires = request.expires().orElse(3600);
        if (expires > 0) {
            Contact contact = request.contacts().get(0);
            ok.contact(Contact.of(contact.address().withParameter(new Parameter("expires", Long.toString(expires)))));
        }
        transaction.respond(ok.build());
    }

    @Override
    public void close() {
        stack.close();
    }
}
