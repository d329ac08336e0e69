package io.parley.parser;

import io.parley.message.AuthParam;
import io.parley.message.AuthValue;
import io.parley.message.CSeq;
import io.parley.message.Contact;
import io.parley.message.ContentType;
import io.parley.message.HeaderName;
import io.parley.message.Method;
import io.parley.message.NameAddress;
import io.parley.message.Parameter;
import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.SipUri;
import io.parley.message.TelUri;
import io.parley.message.Uri;
import io.parley.message.Via;
import io.parley.message.Warning;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Builds random valid messages from a seeded {@link Random}, for property tests. */
final class MessageGenerator {

    private static final String[] METHODS = {"INVITE", "REGISTER", "OPTIONS", "BYE", "MESSAGE", "X-CUSTOM.1"};
    private static final String[] HOSTS = {"example.com", "192.0.2.1", "[2001:db8::1]", "[::ffff:192.0.2.2]", "a-b.c.example"};
    private static final String USER_CHARS = "abcXYZ019-_.!~*'()&=+$,;?/";
    private static final String DISPLAY_CHARS = "ab Z,;:<>@\"\\é漢";
    private static final String TOKEN_CHARS = "abcXYZ09-.!%*_+`'~";

    private final Random random;

    MessageGenerator(Random random) {
        this.random = random;
    }

    SipMessage next() {
        SipRequest request = nextRequest();
        if (random.nextBoolean()) {
            return request;
        }
        SipResponse.Builder response = SipResponse.forRequest(request, 100 + random.nextInt(600)).toTag(token());
        if (random.nextInt(3) == 0) {
            response.addWwwAuthenticate(AuthValue.of("Digest", List.of(AuthParam.quoted("realm", text()),
                    AuthParam.quoted("nonce", token()), AuthParam.token("algorithm", "MD5"))));
        }
        if (random.nextInt(3) == 0) {
            response.addWarning(new Warning(300 + random.nextInt(100), host(), text()));
        }
        return response.build();
    }

    private SipRequest nextRequest() {
        Method method = Method.of(METHODS[random.nextInt(METHODS.length)]);
        SipRequest.Builder builder = SipRequest.builder(method, uri())
                .vias(vias())
                .from(address().withTag(token()))
                .to(address())
                .callId(token() + "@" + host())
                .cseq(new CSeq(random.nextInt(Integer.MAX_VALUE), method))
                .maxForwards(random.nextInt(256));
        if (random.nextBoolean()) {
            builder.contacts(contacts());
        }
        if (random.nextBoolean()) {
            builder.routes(List.of(address(), address()));
        }
        if (random.nextBoolean()) {
            builder.expires(random.nextInt(7200)).supported(List.of(token(), token()));
        }
        if (random.nextBoolean()) {
            builder.header(HeaderName.SUBJECT, text()).header(HeaderName.of("X-" + token()), text());
        }
        if (random.nextBoolean()) {
            byte[] body = new byte[random.nextInt(300)];
            random.nextBytes(body);
            builder.body(ContentType.of("application", token()), body);
        }
        return builder.build();
    }

    private List<Via> vias() {
        List<Via> vias = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            Via via = Via.of(random.nextBoolean() ? "UDP" : "TLS", host(), random.nextBoolean() ? -1 : random.nextInt(65536),
                    Via.MAGIC_COOKIE + token());
            if (random.nextBoolean()) {
                via = via.withReceived(host()).withParameter(Parameter.flag("rport"));
            }
            vias.add(via);
        }
        return vias;
    }

    private List<Contact> contacts() {
        if (random.nextInt(5) == 0) {
            return List.of(Contact.WILDCARD);
        }
        return List.of(Contact.of(address().withParameter(new Parameter("expires", Integer.toString(random.nextInt(3600))))),
                Contact.of(address().withParameter(new Parameter("q", "0." + random.nextInt(10)))));
    }

    private NameAddress address() {
        return new NameAddress(random.nextBoolean() ? "" : displayName(), uri(), List.of());
    }

    private Uri uri() {
        int kind = random.nextInt(6);
        if (kind == 0) {
            return new TelUri("+1-201-555-" + random.nextInt(10000), List.of());
        }
        SipUri uri = new SipUri(kind == 1, random.nextBoolean() ? user() : "", "", host(),
                random.nextBoolean() ? -1 : random.nextInt(65536), List.of(), List.of());
        if (random.nextBoolean()) {
            uri = uri.withParameter(new Parameter("transport", "tcp")).withParameter(Parameter.flag("lr"));
        }
        return uri;
    }

    private String user() {
        StringBuilder user = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            user.append(random.nextInt(8) == 0 ? "%4" + random.nextInt(10) : USER_CHARS.charAt(random.nextInt(USER_CHARS.length())));
        }
        return user.toString();
    }

    private String displayName() {
        StringBuilder name = new StringBuilder();
        int length = 1 + random.nextInt(12);
        for (int i = 0; i < length; i++) {
            name.append(DISPLAY_CHARS.charAt(random.nextInt(DISPLAY_CHARS.length())));
        }
        return name.toString().strip().isEmpty() ? "x" : name.toString();
    }

    private String host() {
        return HOSTS[random.nextInt(HOSTS.length)];
    }

    private String token() {
        StringBuilder token = new StringBuilder();
        int length = 1 + random.nextInt(16);
        for (int i = 0; i < length; i++) {
            token.append(TOKEN_CHARS.charAt(random.nextInt(TOKEN_CHARS.length())));
        }
        return token.toString();
    }

    private String text() {
        return "text " + token() + " " + token();
    }
}
