package io.parley.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Checks the packed first positions that the typed accessors of a message use. */
class HeaderIndexTest {

    private static final Header VIA = Header.typed(HeaderName.VIA, Via.of("UDP", "192.0.2.1", 5060, "z9hG4bK1"));
    private static final Header FROM = Header.typed(HeaderName.FROM, NameAddress.of(SipUri.of("a", "example.com")));

    @Test
    void findsFirstOfRepeatedName() {
        Header secondVia = Header.typed(HeaderName.VIA, Via.of("UDP", "192.0.2.2", 5060, "z9hG4bK2"));
        long lanes = HeaderIndex.of(List.of(FROM, VIA, secondVia));

        assertThat(HeaderIndex.find(lanes, HeaderName.VIA)).isEqualTo(1);
        assertThat(HeaderIndex.find(lanes, HeaderName.FROM)).isEqualTo(0);
    }

    @Test
    void reportsAbsentName() {
        long lanes = HeaderIndex.of(List.of(FROM, VIA));

        assertThat(HeaderIndex.find(lanes, HeaderName.CONTACT)).isEqualTo(HeaderIndex.ABSENT);
        assertThat(HeaderIndex.find(lanes, HeaderName.MAX_FORWARDS)).isEqualTo(HeaderIndex.ABSENT);
    }

    @Test
    void leavesOtherNamesToSearch() {
        long lanes = HeaderIndex.of(List.of(FROM, VIA));

        assertThat(HeaderIndex.find(lanes, HeaderName.ROUTE)).isEqualTo(HeaderIndex.UNKNOWN);
    }

    @Test
    void leavesFarPositionToSearch() {
        List<Header> headers = new ArrayList<>();
        for (int i = 0; i < 260; i++) {
            headers.add(Header.of(HeaderName.of("X-Filler"), Integer.toString(i)));
        }
        headers.add(VIA);
        long lanes = HeaderIndex.of(headers);

        assertThat(HeaderIndex.find(lanes, HeaderName.VIA)).isEqualTo(HeaderIndex.UNKNOWN);
        assertThat(HeaderIndex.find(lanes, HeaderName.FROM)).isEqualTo(HeaderIndex.ABSENT);
    }

    @Test
    void headerListMatchesIndexScan() {
        HeaderList list = new HeaderList();
        List<Header> plain = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Header header = switch (i % 7) {
                case 0 -> Header.of(HeaderName.of("X-Filler"), Integer.toString(i));
                case 3 -> i > 100 ? VIA : Header.of(HeaderName.SUBJECT, "s");
                case 5 -> i > 260 ? FROM : Header.of(HeaderName.USER_AGENT, "u");
                default -> Header.of(HeaderName.of("X-Other"), "o");
            };
            list.append(header);
            plain.add(header);
        }

        assertThat(list).isEqualTo(plain);
        assertThat(list.seal()).isEqualTo(HeaderIndex.of(plain));
    }

    @Test
    void headerListSealedByMessage() {
        HeaderList list = new HeaderList();
        list.append(FROM);
        SipResponse response = SipResponse.parsed(200, "OK", list, new byte[0], 0);

        assertThatThrownBy(() -> list.append(VIA)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> response.headers().add(VIA)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(response.headers()).containsExactly(FROM);
    }

    @Test
    void headerListMarksRepeatedNames() {
        Header contact = Header.typed(HeaderName.CONTACT, Contact.of(NameAddress.of(SipUri.of("a", "example.com"))));
        HeaderList list = new HeaderList();
        list.append(VIA);
        list.append(contact);
        list.append(VIA);
        list.append(Header.of(HeaderName.SUBJECT, "s"));
        list.append(Header.of(HeaderName.SUBJECT, "t"));

        assertThat(list.appearsOnce(HeaderName.CONTACT)).isTrue();
        assertThat(list.appearsOnce(HeaderName.VIA)).isFalse();
        assertThat(list.appearsOnce(HeaderName.SUBJECT)).isFalse();
    }

    @Test
    void treatsZeroLanesAsUnknown() {
        assertThat(HeaderIndex.find(0L, HeaderName.VIA)).isEqualTo(HeaderIndex.UNKNOWN);
    }

    @Test
    void accessorsReadPastFarPosition() {
        SipRequest.Builder builder = SipRequest.builder(Method.OPTIONS, SipUri.of("", "example.com"));
        for (int i = 0; i < 260; i++) {
            builder.header(Header.of(HeaderName.of("X-Filler"), Integer.toString(i)));
        }
        SipRequest request = builder.via(Via.of("UDP", "192.0.2.1", 5060, "z9hG4bK1"))
                .from(NameAddress.of(SipUri.of("a", "example.com")).withTag("f1"))
                .to(NameAddress.of(SipUri.of("b", "example.com")))
                .callId("c1@example.com")
                .cseq(new CSeq(1, Method.OPTIONS))
                .maxForwards(70)
                .build();

        assertThat(request.topVia().orElseThrow().branch()).contains("z9hG4bK1");
        assertThat(request.from().tag()).contains("f1");
        assertThat(request.callId()).isEqualTo("c1@example.com");
        assertThat(request.maxForwards()).hasValue(70);
        assertThat(request.contacts()).isEmpty();
    }
}
