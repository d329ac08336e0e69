package io.parley.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parley.auth.AuthDecision;
import io.parley.auth.ClientPolicy;
import io.parley.auth.CredentialsProvider;
import io.parley.auth.DigestClient;
import io.parley.auth.DigestCredentials;
import io.parley.auth.InMemoryCredentialStore;
import io.parley.location.Binding;
import io.parley.location.InMemoryLocationStore;
import io.parley.message.CSeq;
import io.parley.message.Contact;
import io.parley.message.Method;
import io.parley.message.NameAddress;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.SipUri;
import io.parley.transaction.SipStack;
import io.parley.transaction.StackSettings;
import io.parley.transport.Destination;
import io.parley.transport.ListeningPoint;
import io.parley.transport.MessageTraceListener;
import io.parley.transport.Transport;
import io.parley.transport.TlsSettings;
import io.parley.transport.TransportException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The registrar on loopback UDP and TCP, driven by a client stack. */
class RegistrarServerTest {

    private static final String REALM = "example.com";
    private static final String PASSWORD = "correct-horse-7";

    private final InMemoryLocationStore store = new InMemoryLocationStore();
    private final InMemoryCredentialStore users = new InMemoryCredentialStore().add("alice", REALM, PASSWORD);
    private RegistrarServer server;
    private SipStack client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        store.close();
    }

    private void start(RegistrarConfig config) throws TransportException {
        Registrar registrar = new Registrar(config, users, store, Clock.systemUTC(), new SecureRandom());
        server = RegistrarServer.start(registrar, List.of(ListenAddress.parse("udp:127.0.0.1:0"),
                ListenAddress.parse("tcp:127.0.0.1:0")), StackSettings.DEFAULTS, MessageTraceListener.NONE);
        client = new SipStack(StackSettings.DEFAULTS, transaction -> { }, MessageTraceListener.NONE);
        client.listen(Transport.UDP, new InetSocketAddress("127.0.0.1", 0));
        client.listen(Transport.TCP, new InetSocketAddress("127.0.0.1", 0));
    }

    private Destination registrarAddress(Transport transport) {
        ListeningPoint point = server.listeningPoints().stream()
                .filter(candidate -> candidate.transport() == transport).findFirst().orElseThrow();
        return new Destination(transport, point.address());
    }

    private SipRequest.Builder request(Method method, Transport transport, long cseq) {
        SipUri aor = SipUri.of("alice", "example.com");
        return SipRequest.builder(method, SipUri.of("", "example.com"))
                .via(client.newVia(transport))
                .maxForwards(70)
                .from(NameAddress.of(aor).withTag("f1"))
                .to(NameAddress.of(aor))
                .callId("server-test-" + transport)
                .cseq(new CSeq(cseq, method));
    }

    private SipResponse send(SipRequest request, Transport transport) throws Exception {
        return client.send(request, registrarAddress(transport)).get(10, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @EnumSource(value = Transport.class, names = {"UDP", "TCP"})
    void registersOverTransport(Transport transport) throws Exception {
        start(RegistrarConfig.open());
        SipRequest register = request(Method.REGISTER, transport, 1)
                .contact(Contact.of(NameAddress.of(SipUri.of("alice", "127.0.0.1", 5999)))).build();

        SipResponse response = send(register, transport);

        assertThat(response.statusCode()).isEqualTo(200);
        List<Binding> bindings = store.lookup("sip:alice@example.com", Instant.now());
        assertThat(bindings).extracting(Binding::contactUri).containsExactly("sip:alice@127.0.0.1:5999");
        assertThat(bindings.get(0).transport()).isEqualTo(transport.name());
        assertThat(bindings.get(0).sourceAddress()).startsWith("127.0.0.1:");
    }

    @Test
    void registersAfterDigestChallengeOverUdp() throws Exception {
        start(RegistrarConfig.open().withAuthentication(AuthenticationConfig.defaults(REALM)));
        DigestClient digest = new DigestClient(CredentialsProvider.forAnyRealm(new DigestCredentials("alice", PASSWORD)),
                ClientPolicy.DEFAULT, new SecureRandom());
        SipRequest first = request(Method.REGISTER, Transport.UDP, 1)
                .contact(Contact.of(NameAddress.of(SipUri.of("alice", "127.0.0.1", 5999)))).build();

        SipResponse challenge = send(first, Transport.UDP);
        AuthDecision.Send answer = (AuthDecision.Send) digest.authenticate(ClientExchange.challengedBy(first, challenge));
        SipRequest second = ClientExchange.withCredentials(first, answer).toBuilder().via(client.newVia(Transport.UDP)).build();
        SipResponse response = send(second, Transport.UDP);

        assertThat(challenge.statusCode()).isEqualTo(401);
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void answersOptionsAndRejectsInvite() throws Exception {
        start(RegistrarConfig.open());

        SipResponse options = send(request(Method.OPTIONS, Transport.UDP, 1).build(), Transport.UDP);
        SipResponse invite = send(request(Method.INVITE, Transport.UDP, 2)
                .contact(Contact.of(NameAddress.of(SipUri.of("alice", "127.0.0.1", 5999)))).build(), Transport.UDP);

        assertThat(options.statusCode()).isEqualTo(200);
        assertThat(invite.statusCode()).isEqualTo(405);
        assertThat(invite.allow()).contains(Method.REGISTER);
    }

    @Test
    void registersOverTls(@TempDir Path temp) throws Exception {
        Path keyStore = temp.resolve("registrar.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "registrar", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keyStore.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).as("keytool finished").isTrue();
        assertThat(keytool.exitValue()).as("keytool: %s", new String(keytool.getInputStream().readAllBytes())).isZero();
        TlsSettings tls = TlsSettings.defaults().withKeyStore(keyStore, "changeit".toCharArray()).withInsecure(true);
        StackSettings settings = StackSettings.DEFAULTS.withTransport(StackSettings.DEFAULTS.transport().withTls(tls));
        Registrar registrar = new Registrar(RegistrarConfig.open(), users, store, Clock.systemUTC(), new SecureRandom());
        server = RegistrarServer.start(registrar, List.of(ListenAddress.parse("tls:127.0.0.1:0")), settings,
                MessageTraceListener.NONE);
        client = new SipStack(settings, transaction -> { }, MessageTraceListener.NONE);
        client.listen(Transport.TLS, new InetSocketAddress("127.0.0.1", 0));
        SipRequest register = request(Method.REGISTER, Transport.TLS, 1)
                .contact(Contact.of(NameAddress.of(SipUri.of("alice", "127.0.0.1", 5999)))).build();

        SipResponse response = send(register, Transport.TLS);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(store.lookup("sip:alice@example.com", Instant.now()).get(0).transport()).isEqualTo("TLS");
    }

    @Test
    void reportsPortInUseNamingAddress() throws Exception {
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            String address = "udp:127.0.0.1:" + taken.getLocalPort();
            Registrar registrar = new Registrar(RegistrarConfig.open(), users, store, Clock.systemUTC(), new SecureRandom());

            assertThatThrownBy(() -> RegistrarServer.start(registrar, List.of(ListenAddress.parse(address)),
                    StackSettings.DEFAULTS, MessageTraceListener.NONE))
                    .isInstanceOf(TransportException.class)
                    .hasMessageContaining("cannot listen on " + address)
                    .hasMessageContaining("port is in use");
        }
    }
}
