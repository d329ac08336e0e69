package io.parley.cli;

import io.parley.message.AuthValue;
import io.parley.message.Header;
import io.parley.message.HeaderName;
import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Formats a message for a trace: start line and headers as on the wire, with the digest
 * {@code response}, {@code cnonce} and {@code rspauth} values masked, so a trace can be shared.
 */
final class MaskedTrace {

    private static final Set<HeaderName> CREDENTIAL_HEADERS = Set.of(HeaderName.AUTHORIZATION,
            HeaderName.PROXY_AUTHORIZATION, HeaderName.AUTHENTICATION_INFO);

    private MaskedTrace() {}

    /** Returns the message as text lines separated by {@code \n}, the body included when it is UTF-8 text. */
    static String format(SipMessage message) {
        StringBuilder out = new StringBuilder(512);
        switch (message) {
            case SipRequest request -> out.append(request.method().name()).append(' ')
                    .append(request.requestUri().format()).append(' ').append(SipMessage.SIP_VERSION);
            case SipResponse response -> out.append(SipMessage.SIP_VERSION).append(' ')
                    .append(response.statusCode()).append(' ').append(response.reasonPhrase());
        }
        out.append('\n');
        for (Header header : message.headers()) {
            out.append(header.name().name()).append(": ").append(maskedValue(header)).append('\n');
        }
        if (message.bodyLength() > 0) {
            out.append('\n').append(new String(message.body(), StandardCharsets.UTF_8)).append('\n');
        }
        return out.toString();
    }

    private static String maskedValue(Header header) {
        if (!CREDENTIAL_HEADERS.contains(header.name())) {
            return header.canonicalValue();
        }
        // An unparsed credentials header is shown as a placeholder, because its secret cannot be found in it.
        return header.parsedAs(AuthValue.class).map(AuthValue::formatMasked).orElse("*** (unparsed credentials)");
    }
}
