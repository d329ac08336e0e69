package io.parley.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the verdict of every RFC 4475 and RFC 5118 torture message, parsed as one UDP datagram.
 * A verdict is 0 for accept, or the status code of the server's response.
 *
 * <p>Where RFC 4475 section 3.1.2 lets a liberal parser accept, Parley chooses as follows:
 * <ul>
 *   <li>lwsstart, trws: rejected, because extra SP in the request line breaks RFC 3261 section 7.1
 *       and a proxy must not forward it;
 *   <li>ltgtruri, lwsruri, escruri: rejected; a Request-URI in {@code <>}, with embedded LWS or with
 *       URI headers is not a Request-URI (RFC 3261 section 19.1.1);
 *   <li>quotbal, badaspec, baddn, regbadct: rejected, because inferring quotes or brackets guesses
 *       at the address a request is about;
 *   <li>baddate: accepted; the parser keeps Date as text, and {@code dateTime()} is empty for a zone
 *       other than GMT, so no code uses the wrong time;
 *   <li>mismatch02: 400 from the parser; 501 for the unknown method is the application's answer.
 * </ul>
 */
class TortureVerdictTest {

    private static final int ACCEPT = 0;

    private static final Map<String, Integer> RFC4475_VERDICTS = Map.ofEntries(
            Map.entry("wsinv.dat", ACCEPT), Map.entry("intmeth.dat", ACCEPT), Map.entry("esc01.dat", ACCEPT),
            Map.entry("escnull.dat", ACCEPT), Map.entry("esc02.dat", ACCEPT), Map.entry("lwsdisp.dat", ACCEPT),
            Map.entry("longreq.dat", ACCEPT), Map.entry("dblreq.dat", ACCEPT), Map.entry("semiuri.dat", ACCEPT),
            Map.entry("transports.dat", ACCEPT), Map.entry("mpart01.dat", ACCEPT), Map.entry("unreason.dat", ACCEPT),
            Map.entry("noreason.dat", ACCEPT), Map.entry("badinv01.dat", 400), Map.entry("clerr.dat", 400),
            Map.entry("ncl.dat", 400), Map.entry("scalar02.dat", 400), Map.entry("scalarlg.dat", 400),
            Map.entry("quotbal.dat", 400), Map.entry("ltgtruri.dat", 400), Map.entry("lwsruri.dat", 400),
            Map.entry("lwsstart.dat", 400), Map.entry("trws.dat", 400), Map.entry("escruri.dat", 400),
            Map.entry("baddate.dat", ACCEPT), Map.entry("regbadct.dat", 400), Map.entry("badaspec.dat", 400),
            Map.entry("baddn.dat", 400), Map.entry("badvers.dat", 505), Map.entry("mismatch01.dat", 400),
            Map.entry("mismatch02.dat", 400), Map.entry("bigcode.dat", 400), Map.entry("badbranch.dat", ACCEPT),
            Map.entry("insuf.dat", 400), Map.entry("unkscm.dat", ACCEPT), Map.entry("novelsc.dat", ACCEPT),
            Map.entry("unksm2.dat", ACCEPT), Map.entry("bext01.dat", ACCEPT), Map.entry("invut.dat", ACCEPT),
            Map.entry("regaut01.dat", ACCEPT), Map.entry("multi01.dat", 400), Map.entry("mcl01.dat", 400),
            Map.entry("bcast.dat", ACCEPT), Map.entry("zeromf.dat", ACCEPT), Map.entry("cparam01.dat", ACCEPT),
            Map.entry("cparam02.dat", ACCEPT), Map.entry("regescrt.dat", ACCEPT), Map.entry("sdp01.dat", ACCEPT),
            Map.entry("inv2543.dat", ACCEPT));

    private static final Map<String, Integer> RFC5118_VERDICTS = Map.ofEntries(
            Map.entry("ipv6-good.dat", ACCEPT), Map.entry("ipv6-bad.dat", 400),
            Map.entry("port-ambiguous.dat", ACCEPT), Map.entry("port-unambiguous.dat", ACCEPT),
            Map.entry("via-received-param-with-delim.dat", ACCEPT),
            Map.entry("via-received-param-no-delim.dat", ACCEPT), Map.entry("ipv6-in-sdp.dat", ACCEPT),
            Map.entry("mult-ip-in-header.dat", ACCEPT), Map.entry("mult-ip-in-sdp.dat", ACCEPT),
            Map.entry("ipv4-mapped-ipv6.dat", ACCEPT), Map.entry("ipv6-bug-abnf-3-colons.dat", ACCEPT),
            Map.entry("ipv6-correct-abnf-2-colons.dat", ACCEPT));

    static Stream<Arguments> rfc4475Files() {
        return TortureMessages.files(TortureMessages.RFC4475).stream()
                .map(path -> Arguments.of(path.getFileName().toString(), path));
    }

    static Stream<Arguments> rfc5118Files() {
        return TortureMessages.files(TortureMessages.RFC5118).stream()
                .map(path -> Arguments.of(path.getFileName().toString(), path));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc4475Files")
    void rfc4475MessageGetsItsVerdict(String name, Path path) {
        byte[] bytes = TortureMessages.read(path);
        MessageParseResult result = SipParser.parseDatagram(bytes);

        if (name.equals("test.dat")) {
            // No section of RFC 4475 describes test.dat, so any clean result will do.
            assertThat(result).isNotInstanceOf(MessageParseResult.NeedMoreData.class);
            return;
        }
        assertThat(RFC4475_VERDICTS).containsKey(name);
        assertVerdict(result, RFC4475_VERDICTS.get(name));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc5118Files")
    void rfc5118MessageGetsItsVerdict(String name, Path path) {
        byte[] bytes = TortureMessages.rfc5118WireBytes(TortureMessages.read(path));

        assertThat(RFC5118_VERDICTS).containsKey(name);
        assertVerdict(SipParser.parseDatagram(bytes), RFC5118_VERDICTS.get(name));
    }

    @Test
    void everyVerdictHasItsFile() {
        assertThat(TortureMessages.files(TortureMessages.RFC4475)).hasSize(RFC4475_VERDICTS.size() + 1);
        assertThat(TortureMessages.files(TortureMessages.RFC5118)).hasSize(RFC5118_VERDICTS.size());
    }

    private static void assertVerdict(MessageParseResult result, int verdict) {
        if (verdict == ACCEPT) {
            assertThat(result).isInstanceOf(MessageParseResult.Parsed.class);
            return;
        }
        assertThat(result).isInstanceOf(MessageParseResult.Rejected.class);
        ParseError error = ((MessageParseResult.Rejected) result).error();
        assertThat(error.status()).as(error.toString()).isEqualTo(verdict);
        assertThat(error.reason()).isNotBlank();
    }
}
