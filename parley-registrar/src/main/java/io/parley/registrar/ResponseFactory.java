package io.parley.registrar;

import io.parley.message.Method;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.Warning;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/** Starts the registrar's responses with the headers every one of them carries. */
final class ResponseFactory {

    /** The methods the registrar accepts, for Allow (RFC 3261 section 20.5). */
    static final List<Method> ALLOWED = List.of(Method.REGISTER, Method.OPTIONS);

    /** The warn-agent of the registrar's Warning values, a pseudonym (RFC 3261 section 20.43). */
    static final String WARN_AGENT = "parley-registrar";

    /** RFC 3261 section 20.43: 399 is a miscellaneous warning whose text is for a human or log to read. */
    static final int MISCELLANEOUS_WARNING = 399;

    // RFC 3261 section 25.1 rfc1123-date: two-digit day, English names, always GMT.
    private static final DateTimeFormatter DATE = DateTimeFormatter
            .ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private static final int TAG_BYTES = 8;

    private final SecureRandom random;

    ResponseFactory(SecureRandom random) {
        this.random = random;
    }

    /**
     * Starts a response to {@code request} with a To tag of its own when the request had none, as a
     * UAS adds to every final response (RFC 3261 section 8.2.6.2).
     */
    SipResponse.Builder start(SipRequest request, int status) {
        SipResponse.Builder builder = SipResponse.forRequest(request, status);
        if (request.to().tag().isEmpty()) {
            byte[] tag = new byte[TAG_BYTES];
            random.nextBytes(tag);
            builder.toTag(HexFormat.of().formatHex(tag));
        }
        return builder;
    }

    /** Starts a response to {@code request} with a Warning that carries {@code reason} and {@code detail}. */
    SipResponse.Builder startWithWarning(SipRequest request, int status, String reason, String detail) {
        return start(request, status).addWarning(warning(reason, detail));
    }

    /** Returns a 399 Warning whose text is {@code reason: detail}. */
    static Warning warning(String reason, String detail) {
        return new Warning(MISCELLANEOUS_WARNING, WARN_AGENT, detail.isEmpty() ? reason : reason + ": " + detail);
    }

    /** The Date text of one second, reused because a busy registrar sends many responses a second. */
    private record DateText(long epochSecond, String text) {
    }

    private static volatile DateText lastDate = new DateText(Long.MIN_VALUE, "");

    /** Formats {@code instant} for a Date header, which has a resolution of one second. */
    static String date(Instant instant) {
        DateText last = lastDate;
        if (last.epochSecond() == instant.getEpochSecond()) {
            return last.text();
        }
        DateText current = new DateText(instant.getEpochSecond(), DATE.format(instant));
        lastDate = current;
        return current.text();
    }
}
