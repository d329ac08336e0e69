package io.parley.bench;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.parley.message.Header;
import io.parley.message.SipMessage;
import io.parley.parser.HeaderChecks;
import io.parley.parser.MessageParseResult;
import io.parley.parser.SipParser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Parsing one received datagram and reading what a stack needs from it (see {@link LibraryReaders})
 * in Parley, the JAIN-SIP RI 1.3.0-91 and pkts 3.0.10, next to a bare scan that only finds the line
 * and header boundaries. {@code parley} parses as Parley's stack parses what it receives
 * ({@link HeaderChecks#CORE}), and {@code parleyAllChecks} checks every header during the parse.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ParserBenchmark {

    @Param
    public SampleMessage message;

    private byte[] bytes;
    private StringMsgParser jainSipParser;

    @Setup
    public void setUp() throws Exception {
        bytes = message.bytes();
        // A UDP message channel of the RI parses each datagram this way (readBody true, strict false).
        jainSipParser = new StringMsgParser();

        FieldSink.Recording parley = new FieldSink.Recording();
        LibraryReaders.readParley(parseParley(), parley);
        parley.check("Parley", message);
        FieldSink.Recording parleyAll = new FieldSink.Recording();
        LibraryReaders.readParley(parseParley(HeaderChecks.ALL), parleyAll);
        parleyAll.check("Parley with every header checked", message);
        FieldSink.Recording jainSip = new FieldSink.Recording();
        LibraryReaders.readJainSip(jainSipParser.parseSIPMessage(bytes, true, false, null), jainSip);
        jainSip.check("JAIN-SIP", message);
        FieldSink.Recording pkts = new FieldSink.Recording();
        LibraryReaders.readPkts(io.pkts.packet.sip.SipMessage.frame(bytes), pkts);
        pkts.check("pkts", message);
        checkBareScan();
    }

    /** Parses as the stack parses what it receives: the core headers now, the others when read. */
    private SipMessage parseParley() {
        return parseParley(HeaderChecks.CORE);
    }

    private SipMessage parseParley(HeaderChecks checks) {
        MessageParseResult result = SipParser.parseDatagram(bytes, checks);
        if (!(result instanceof MessageParseResult.Parsed parsed)) {
            throw new IllegalStateException("Parley rejected " + message + ": " + result);
        }
        return parsed.message();
    }

    private void checkBareScan() {
        long boundaries = bareScan(bytes);
        if (LineScans.wordScan(bytes) != boundaries) {
            throw new IllegalStateException("word scan of " + message + " differs from the bare scan");
        }
        if (LineScans.headerList(bytes).size() != (int) boundaries) {
            throw new IllegalStateException("header list of " + message + " has the wrong size");
        }
        int headerLines = message.headerNames().size();
        if ((int) boundaries != headerLines || (boundaries >>> 32) != bytes.length - message.expectedBodyLength()) {
            throw new IllegalStateException("bare scan of " + message + " returned " + Long.toHexString(boundaries));
        }
    }

    @Benchmark
    public void parley(Blackhole blackhole) {
        LibraryReaders.readParley(parseParley(), new FieldSink.Consuming(blackhole));
    }

    /** Parses with every header checked during the parse, as {@code parley parse} does. */
    @Benchmark
    public void parleyAllChecks(Blackhole blackhole) {
        LibraryReaders.readParley(parseParley(HeaderChecks.ALL), new FieldSink.Consuming(blackhole));
    }

    @Benchmark
    public void jainSip(Blackhole blackhole) throws Exception {
        SIPMessage parsed = jainSipParser.parseSIPMessage(bytes, true, false, null);
        LibraryReaders.readJainSip(parsed, new FieldSink.Consuming(blackhole));
    }

    @Benchmark
    public void pkts(Blackhole blackhole) throws Exception {
        LibraryReaders.readPkts(io.pkts.packet.sip.SipMessage.frame(bytes), new FieldSink.Consuming(blackhole));
    }

    /** Finds every line end and header colon and nothing else: a floor for any parser. */
    @Benchmark
    public long bareScan() {
        return bareScan(bytes);
    }

    /** Finds the same line ends and colons as {@link #bareScan()}, eight bytes at a time. */
    @Benchmark
    public long wordScan() {
        return LineScans.wordScan(bytes);
    }

    /** Builds Parley's header list, names looked up and one Header per line, and parses no value. */
    @Benchmark
    public List<Header> headerList() {
        return LineScans.headerList(bytes);
    }

    /**
     * Returns the body offset in the high 32 bits and the number of header lines in the low 32 bits,
     * or -1 when a header line has no colon.
     */
    static long bareScan(byte[] input) {
        int pos = 0;
        while (input[pos] != '\n') {
            pos++;
        }
        pos++;
        int lines = 0;
        while (pos < input.length && input[pos] != '\r' && input[pos] != '\n') {
            int colon = -1;
            while (input[pos] != '\n') {
                if (colon < 0 && input[pos] == ':') {
                    colon = pos;
                }
                pos++;
            }
            if (colon < 0) {
                return -1;
            }
            lines++;
            pos++;
        }
        int bodyStart = input[pos] == '\r' ? pos + 2 : pos + 1;
        return ((long) bodyStart << 32) | lines;
    }
}
