package io.parley.cli;

import io.parley.message.Header;
import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import java.nio.charset.StandardCharsets;

/**
 * Formats a SIP message for {@code --trace}: start line, one header per line and the body. The
 * {@code response}, {@code rspauth} and {@code cnonce} values of the authorization and challenge
 * headers are replaced by {@code ***}, because a captured response lets an attacker guess the
 * password offline.
 */
final class MaskedTrace {

    private MaskedTrace() {
    }

    static String format(SipMessage message) {
        StringBuilder out = new StringBuilder(512);
        switch (message) {
            case SipRequest request -> out.append(request);
            case SipResponse response -> out.append(response);
        }
        out.append('\n');
        for (Header header : message.headers()) {
            // Header.toString masks the parameters above in the four authorization and challenge headers.
            out.append(header).append('\n');
        }
        if (message.bodyLength() > 0) {
            out.append('\n').append(new String(message.body(), StandardCharsets.UTF_8));
        }
        return out.toString();
    }
}
