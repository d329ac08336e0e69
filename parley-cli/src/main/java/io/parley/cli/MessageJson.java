package io.parley.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.message.AuthParam;
import io.parley.message.AuthValue;
import io.parley.message.CSeq;
import io.parley.message.Contact;
import io.parley.message.Header;
import io.parley.message.NameAddress;
import io.parley.message.Parameter;
import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.SipUri;
import io.parley.message.Uri;
import io.parley.message.Via;
import java.util.List;

/** JSON view of a parsed message for {@code parley parse --json}. */
final class MessageJson {

    private MessageJson() {
    }

    /** Describes the start line, every header in order (typed fields where known) and the body length. */
    static ObjectNode describe(ObjectMapper mapper, SipMessage message) {
        ObjectNode node = mapper.createObjectNode();
        node.put("valid", true);
        switch (message) {
            case SipRequest request -> {
                node.put("type", "REQUEST");
                node.put("method", request.method().name());
                node.set("requestUri", uri(mapper, request.requestUri()));
            }
            case SipResponse response -> {
                node.put("type", "RESPONSE");
                node.put("status", response.statusCode());
                node.put("reason", response.reasonPhrase());
            }
        }
        ArrayNode headers = node.putArray("headers");
        for (Header header : message.headers()) {
            headers.add(header(mapper, header));
        }
        node.put("bodyLength", message.bodyLength());
        return node;
    }

    private static ObjectNode header(ObjectMapper mapper, Header header) {
        ObjectNode node = mapper.createObjectNode();
        node.put("name", header.name().name());
        node.put("value", header.value());
        header.parsedAs(Object.class).ifPresent(parsed -> typed(mapper, node, parsed));
        return node;
    }

    private static void typed(ObjectMapper mapper, ObjectNode node, Object parsed) {
        switch (parsed) {
            case Via via -> node.set("via", via(mapper, via));
            case Contact contact -> node.set("contact", contact(mapper, contact));
            case NameAddress address -> node.set("address", address(mapper, address));
            case CSeq cseq -> {
                ObjectNode value = node.putObject("cseq");
                value.put("sequence", cseq.sequence());
                value.put("method", cseq.method().name());
            }
            case AuthValue auth -> node.set("auth", auth(mapper, auth));
            case Integer number -> node.put("number", number);
            case Long number -> node.put("number", number);
            default -> {
                // Other typed values (Content-Type, Warning, Retry-After, lists) are shown by their raw value.
            }
        }
    }

    private static ObjectNode via(ObjectMapper mapper, Via via) {
        ObjectNode node = mapper.createObjectNode();
        node.put("transport", via.transport());
        node.put("host", via.host());
        if (via.port() > 0) {
            node.put("port", via.port());
        }
        via.branch().ifPresent(branch -> node.put("branch", branch));
        via.received().ifPresent(received -> node.put("received", received));
        if (via.hasRport()) {
            if (via.rport().isPresent()) {
                node.put("rport", via.rport().getAsInt());
            } else {
                node.put("rport", true);
            }
        }
        via.maddr().ifPresent(maddr -> node.put("maddr", maddr));
        via.ttl().ifPresent(ttl -> node.put("ttl", ttl));
        node.set("params", params(mapper, via.parameters()));
        return node;
    }

    private static ObjectNode contact(ObjectMapper mapper, Contact contact) {
        if (contact.isWildcard()) {
            ObjectNode node = mapper.createObjectNode();
            node.put("wildcard", true);
            return node;
        }
        ObjectNode node = address(mapper, contact.optionalAddress().orElseThrow());
        contact.expires().ifPresent(expires -> node.put("expires", expires));
        contact.q().ifPresent(q -> node.put("q", q));
        return node;
    }

    private static ObjectNode address(ObjectMapper mapper, NameAddress address) {
        ObjectNode node = mapper.createObjectNode();
        if (address.displayName() != null && !address.displayName().isEmpty()) {
            node.put("displayName", address.displayName());
        }
        node.set("uri", uri(mapper, address.uri()));
        address.tag().ifPresent(tag -> node.put("tag", tag));
        node.set("params", params(mapper, address.parameters()));
        return node;
    }

    private static ObjectNode uri(ObjectMapper mapper, Uri uri) {
        ObjectNode node = mapper.createObjectNode();
        node.put("text", uri.format());
        node.put("scheme", uri.scheme());
        if (uri instanceof SipUri sip) {
            if (!sip.user().isEmpty()) {
                node.put("user", sip.decodedUser());
            }
            node.put("host", sip.host());
            if (sip.port() > 0) {
                node.put("port", sip.port());
            }
            node.set("params", params(mapper, sip.parameters()));
        }
        return node;
    }

    private static ObjectNode auth(ObjectMapper mapper, AuthValue auth) {
        ObjectNode node = mapper.createObjectNode();
        if (!auth.scheme().isEmpty()) {
            node.put("scheme", auth.scheme());
        }
        ObjectNode params = node.putObject("params");
        for (AuthParam param : auth.params()) {
            params.put(param.name(), param.value());
        }
        return node;
    }

    private static ObjectNode params(ObjectMapper mapper, List<Parameter> parameters) {
        ObjectNode node = mapper.createObjectNode();
        for (Parameter parameter : parameters) {
            if (parameter.hasValue()) {
                node.put(parameter.name(), parameter.value());
            } else {
                node.put(parameter.name(), true);
            }
        }
        return node;
    }
}
