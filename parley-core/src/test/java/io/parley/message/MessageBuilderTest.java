package io.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class MessageBuilderTest {

    private static final SipUri REGISTRAR = SipUri.of("", "example.com");
    private static final NameAddress ALICE = NameAddress.of("Alice", SipUri.of("alice", "example.com"));

    private static SipRequest register() {
        return SipRequest.builder(Method.REGISTER, REGISTRAR)
                .via(Via.of("UDP", "192.0.2.10", 5060, "z9hG4bK776asdhds"))
                .from(ALICE.withTag("456248"))
                .to(ALICE)
                .callId("843817637684230@998sdasdh09")
                .cseq(new CSeq(1826, Method.REGISTER))
                .maxForwards(70)
                .contact(Contact.of(NameAddress.of(SipUri.of("alice", "192.0.2.10", 5060))))
                .expires(3600)
                .build();
    }

    @Test
    void buildsRegisterWithContentLength() {
        SipRequest request = register();

        assertThat(request.contentLength()).hasValue(0);
        assertThat(request.from().tag()).contains("456248");
        assertThat(request.expires()).hasValue(3600);
        assertThat(new String(request.toBytes(), StandardCharsets.UTF_8)).startsWith(
                "REGISTER sip:example.com SIP/2.0\r\nVia: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK776asdhds\r\n");
    }

    @Test
    void withTopViaMatchesBuilderCopy() {
        SipRequest request = register().toBuilder()
                .vias(List.of(Via.of("UDP", "192.0.2.10", 5060, "z9hG4bK776asdhds"),
                        Via.of("TCP", "192.0.2.20", 5060, "z9hG4bKother")))
                .build();
        Via stamped = request.topVia().orElseThrow().withReceived("198.51.100.7").withRport(5070);

        SipRequest copy = request.withTopVia(stamped);

        assertThat(copy).isEqualTo(request.toBuilder().vias(List.of(stamped, request.vias().get(1))).build());
        assertThat(copy.vias()).containsExactly(stamped, request.vias().get(1));
        assertThat(copy.rawBytes()).isEmpty();
    }

    @Test
    void withTopViaRejectsRequestWithoutVia() {
        SipRequest withoutVia = SipRequest.parsed(Method.OPTIONS, REGISTRAR, List.of(), new byte[0], 0);

        assertThatThrownBy(() -> withoutVia.withTopVia(Via.of("UDP", "192.0.2.10", 5060, "z9hG4bK1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no Via");
    }

    @Test
    void rejectsRequestWithoutMandatoryHeaders() {
        SipRequest.Builder builder = SipRequest.builder(Method.OPTIONS, REGISTRAR).from(ALICE).to(ALICE);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("CSeq, Call-ID, Max-Forwards, Via");
    }

    @Test
    void rejectsCSeqMethodMismatch() {
        SipRequest.Builder builder = register().toBuilder().method(Method.OPTIONS);

        assertThatThrownBy(builder::build).hasMessageContaining("CSeq method REGISTER");
    }

    @Test
    void rejectsRawTextForTypedHeader() {
        SipRequest.Builder builder = register().toBuilder();

        assertThatThrownBy(() -> builder.header(HeaderName.VIA, "SIP/2.0/UDP h")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsLineBreakInHeaderValue() {
        SipRequest.Builder builder = register().toBuilder();

        assertThatThrownBy(() -> builder.header(HeaderName.SUBJECT, "hi\r\nVia: x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void copiesDialogHeadersIntoResponse() {
        SipRequest request = register();

        SipResponse response = SipResponse.forRequest(request, 200).toTag("a6c85cf").build();

        assertThat(response.vias()).isEqualTo(request.vias());
        assertThat(response.from()).isEqualTo(request.from());
        assertThat(response.to().tag()).contains("a6c85cf");
        assertThat(response.callId()).isEqualTo(request.callId());
        assertThat(response.cseq()).isEqualTo(request.cseq());
        assertThat(response.reasonPhrase()).isEqualTo("OK");
    }

    @Test
    void changedCopyKeepsHeaderOrder() {
        SipRequest request = register();

        SipRequest next = request.toBuilder().cseq(request.cseq().next(Method.REGISTER)).build();

        assertThat(next.cseq().sequence()).isEqualTo(1827);
        assertThat(next.headers()).extracting(Header::name)
                .containsExactlyElementsOf(request.headers().stream().map(Header::name).toList());
        assertThat(next.rawBytes()).isEmpty();
    }

    @Test
    void buildsCancelWithTopViaOnly() {
        SipRequest invite = register().toBuilder().method(Method.INVITE).cseq(new CSeq(1, Method.INVITE))
                .pushVia(Via.of("TCP", "proxy.example.com", -1, "z9hG4bKproxy")).build();

        SipRequest cancel = invite.cancel();

        assertThat(cancel.method()).isEqualTo(Method.CANCEL);
        assertThat(cancel.vias()).containsExactly(invite.topVia().orElseThrow());
        assertThat(cancel.cseq()).isEqualTo(new CSeq(1, Method.CANCEL));
        assertThat(cancel.requestUri()).isEqualTo(invite.requestUri());
    }

    @Test
    void buildsAckForFailureResponse() {
        SipRequest invite = register().toBuilder().method(Method.INVITE).cseq(new CSeq(5, Method.INVITE)).build();
        SipResponse busy = SipResponse.forRequest(invite, 486).toTag("b1").build();

        SipRequest ack = invite.ackFor(busy);

        assertThat(ack.cseq()).isEqualTo(new CSeq(5, Method.ACK));
        assertThat(ack.to().tag()).contains("b1");
        assertThat(ack.vias()).containsExactly(invite.topVia().orElseThrow());
    }

    @Test
    void setsBodyAndContentType() {
        byte[] sdp = "v=0\r\n".getBytes(StandardCharsets.US_ASCII);

        SipRequest request = register().toBuilder().body(ContentType.APPLICATION_SDP, sdp).build();

        assertThat(request.body()).isEqualTo(sdp);
        assertThat(request.contentLength()).hasValue(sdp.length);
        assertThat(request.contentType()).contains(ContentType.APPLICATION_SDP);
    }

    @Test
    void keepsTypedAndRawHeadersInOrder() {
        SipRequest request = register().toBuilder()
                .header(HeaderName.of("X-Trace"), "1")
                .allow(List.of(Method.INVITE, Method.ACK))
                .build();

        assertThat(request.headerValue(HeaderName.of("x-trace"))).contains("1");
        assertThat(request.allow()).containsExactly(Method.INVITE, Method.ACK);
    }

    @Test
    void masksCredentialsInHeaderText() {
        AuthValue credentials = AuthValue.of("Digest", List.of(AuthParam.quoted("username", "alice"),
                AuthParam.quoted("response", "6629fae49393a05397450978507c4ef1")));

        SipRequest request = register().toBuilder().authorization(credentials).build();

        assertThat(request.header(HeaderName.AUTHORIZATION).orElseThrow().toString())
                .doesNotContain("6629fae49393a05397450978507c4ef1");
        assertThat(request.authorization()).containsExactly(credentials);
    }
}
