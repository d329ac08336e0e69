package io.parley.bench;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.parley.message.CSeq;
import io.parley.message.Header;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.message.SipUri;
import io.parley.message.Via;
import io.pkts.packet.sip.header.CSeqHeader;
import io.pkts.packet.sip.header.SipHeader;
import io.pkts.packet.sip.header.ViaHeader;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reads the same fields from a message parsed by each library: the start line, every header name,
 * the top Via's host, port and branch, the From and To tags, Call-ID, CSeq, the first Contact's host
 * and Content-Length. These are the values a stack needs when a message arrives.
 */
final class LibraryReaders {

    private LibraryReaders() {
    }

    static void readParley(io.parley.message.SipMessage message, FieldSink sink) {
        switch (message) {
            case SipRequest request -> {
                sink.field("startLine", request.method().name());
                sink.field("requestUri", request.requestUri());
            }
            case SipResponse response -> {
                sink.number("startLine", response.statusCode());
                sink.field("reason", response.reasonPhrase());
            }
        }
        List<Header> headers = message.headers();
        for (int i = 0; i < headers.size(); i++) {
            sink.headerName(headers.get(i).name().name());
        }
        Via via = message.topVia().orElseThrow();
        sink.field("viaHost", via.host());
        sink.number("viaPort", via.port());
        sink.field("branch", via.branch().orElseThrow());
        sink.field("fromTag", message.from().tag().orElseThrow());
        Optional<String> toTag = message.to().tag();
        if (toTag.isPresent()) {
            sink.field("toTag", toTag.get());
        }
        sink.field("callId", message.callId());
        CSeq cseq = message.cseq();
        sink.number("cseq", cseq.sequence());
        sink.field("cseqMethod", cseq.method().name());
        SipUri contact = (SipUri) message.contacts().get(0).address().uri();
        sink.field("contactHost", contact.host());
        sink.number("contentLength", message.contentLength().orElseThrow());
    }

    static void readJainSip(SIPMessage message, FieldSink sink) {
        if (message instanceof SIPRequest request) {
            sink.field("startLine", request.getMethod());
            sink.field("requestUri", request.getRequestURI());
        } else {
            SIPResponse response = (SIPResponse) message;
            sink.number("startLine", response.getStatusCode());
            sink.field("reason", response.getReasonPhrase());
        }
        Iterator<SIPHeader> headers = message.getHeaders();
        while (headers.hasNext()) {
            sink.headerName(headers.next().getHeaderName());
        }
        gov.nist.javax.sip.header.Via via = message.getTopmostVia();
        sink.field("viaHost", via.getHost());
        sink.number("viaPort", via.getPort());
        sink.field("branch", via.getBranch());
        sink.field("fromTag", message.getFrom().getTag());
        String toTag = message.getTo().getTag();
        if (toTag != null) {
            sink.field("toTag", toTag);
        }
        sink.field("callId", message.getCallId().getCallId());
        sink.number("cseq", message.getCSeq().getSeqNumber());
        sink.field("cseqMethod", message.getCSeq().getMethod());
        javax.sip.address.SipURI contact = (javax.sip.address.SipURI) message.getContactHeader().getAddress().getURI();
        sink.field("contactHost", contact.getHost());
        sink.number("contentLength", message.getContentLength().getContentLength());
    }

    /** Reads through pkts' typed accessors, which parse each header value on first use. */
    static void readPkts(io.pkts.packet.sip.SipMessage message, FieldSink sink) {
        if (message.isRequest()) {
            sink.field("startLine", message.getMethod());
            sink.field("requestUri", message.toRequest().getRequestUri());
        } else {
            sink.number("startLine", message.toResponse().getStatus());
            sink.field("reason", message.toResponse().getReasonPhrase());
        }
        for (SipHeader header : message.getAllHeaders()) {
            sink.headerName(header.getName());
        }
        ViaHeader via = message.getViaHeader();
        sink.field("viaHost", via.getHost());
        sink.number("viaPort", via.getPort());
        sink.field("branch", via.getBranch());
        sink.field("fromTag", message.getFromHeader().getTag());
        Object toTag = message.getToHeader().getTag();
        if (toTag != null) {
            sink.field("toTag", toTag);
        }
        sink.field("callId", message.getCallIDHeader().getCallId());
        CSeqHeader cseq = message.getCSeqHeader();
        sink.number("cseq", cseq.getSeqNumber());
        sink.field("cseqMethod", cseq.getMethod());
        io.pkts.packet.sip.address.SipURI contact =
                (io.pkts.packet.sip.address.SipURI) message.getContactHeader().getAddress().getURI();
        sink.field("contactHost", contact.getHost());
        sink.number("contentLength", message.getContentLength());
    }
}
