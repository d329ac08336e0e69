package io.parley.registrar;

import io.parley.message.CSeq;
import io.parley.message.Contact;
import io.parley.message.Method;
import io.parley.message.NameAddress;
import io.parley.message.Parameter;
import io.parley.message.SipRequest;
import io.parley.message.SipUri;
import io.parley.message.Uri;
import io.parley.message.Via;
import io.parley.parser.MessageParseResult;
import io.parley.parser.ParseResult;
import io.parley.parser.SipParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** Builds the requests registrar tests send. */
final class Requests {

    static final RequestSource SOURCE = new RequestSource("127.0.0.1", 5062, "UDP");

    private Requests() {}

    /** Starts a REGISTER from {@code user} at example.com to sip:example.com with one Via and CSeq {@code cseq}. */
    static SipRequest.Builder register(String user, String callId, long cseq) {
        SipUri aor = SipUri.of(user, "example.com");
        return SipRequest.builder(Method.REGISTER, SipUri.of("", "example.com"))
                .via(Via.of("UDP", "127.0.0.1", 5062, Via.MAGIC_COOKIE + "-" + callId + "-" + cseq))
                .maxForwards(70)
                .from(NameAddress.of(aor).withTag("from-" + user))
                .to(NameAddress.of(aor))
                .callId(callId)
                .cseq(new CSeq(cseq, Method.REGISTER));
    }

    /** Returns a Contact for {@code uri} with header parameters. */
    static Contact contact(String uri, Parameter... parameters) {
        NameAddress address = NameAddress.of(uri(uri));
        for (Parameter parameter : parameters) {
            address = address.withParameter(parameter);
        }
        return Contact.of(address);
    }

    static Uri uri(String text) {
        return switch (SipParser.parseUri(text)) {
            case ParseResult.Parsed<Uri> parsed -> parsed.value();
            case ParseResult.Malformed<Uri> malformed -> throw new IllegalArgumentException(malformed.describe());
            case ParseResult.NeedMoreData<Uri> more -> throw new IllegalArgumentException("incomplete URI " + text);
        };
    }

    /** Parses an RFC 4475 torture message from the test resources. */
    static SipRequest torture(String name) {
        String path = "/testdata/rfc4475/" + name + ".dat";
        try (InputStream in = Requests.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("test resource " + path + " is missing");
            }
            MessageParseResult result = SipParser.parseDatagram(in.readAllBytes());
            if (!(result instanceof MessageParseResult.Parsed parsed)) {
                throw new IllegalArgumentException(name + " does not parse: " + result);
            }
            return (SipRequest) parsed.message();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> contactUris(io.parley.message.SipMessage message) {
        return message.contacts().stream().map(contact -> contact.address().uri().format()).toList();
    }
}
