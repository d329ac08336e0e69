package io.parley.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.parser.MessageParseResult;
import io.parley.parser.ParseError;
import io.parley.parser.ParserLimits;
import io.parley.parser.SipParser;
import io.parley.parser.StreamFramer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code parley parse}: prints how a SIP stack parses captured messages, one line (or one JSON
 * object) per message.
 */
@Command(name = "parse", mixinStandardHelpOptions = true,
        description = {
            "Parses each FILE as one UDP datagram, or with --stream as a TCP byte stream that may hold "
                    + "several messages, and prints one line per message: 'FILE: valid REQUEST INVITE "
                    + "sip:...', 'FILE: valid RESPONSE 200 OK', or 'FILE: invalid STATUS REASON' with the "
                    + "status a SIP server would answer.",
            "Exit status: 0 every message valid, 1 any message invalid or incomplete, 2 usage error "
                    + "or unreadable file."})
final class ParseCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON object per message (JSON Lines) with the "
            + "start line, every header in order with typed fields where Parley has them, and the body length.")
    private boolean json;

    @Option(names = "--stream", description = "Frame each file as a TCP/TLS byte stream: Content-Length "
            + "delimits bodies and CRLF keep-alives between messages are skipped.")
    private boolean stream;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files holding raw SIP message bytes.")
    private List<Path> files;

    /** Bytes read from a file per framer feed; any size works, since the framer reassembles split messages. */
    private static final int STREAM_CHUNK_SIZE = 64 * 1024;

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allValid = true;
        for (Path file : files) {
            // Files are read in bounded pieces: a capture may be larger than the heap or than 2 GB.
            try (InputStream in = Files.newInputStream(file)) {
                allValid &= stream ? parseStream(file, in, out) : parseDatagram(file, readDatagram(in), out);
            } catch (NoSuchFileException e) {
                err.println("parley parse: file not found: " + file + "; check the path");
                return 2;
            } catch (IOException e) {
                err.println("parley parse: failed to read " + file + ": " + e.getMessage() + "; check the path and permissions");
                return 2;
            }
        }
        out.flush();
        return allValid ? 0 : 1;
    }

    private boolean parseDatagram(Path file, byte[] bytes, PrintWriter out) {
        MessageParseResult result = SipParser.parseDatagram(bytes);
        return switch (result) {
            case MessageParseResult.Parsed parsed -> {
                printValid(file, parsed.message(), out);
                yield true;
            }
            case MessageParseResult.Rejected rejected -> {
                printInvalid(file, rejected.error(), out);
                yield false;
            }
            case MessageParseResult.NeedMoreData needMore -> {
                printIncomplete(file, bytes.length, out);
                yield false;
            }
        };
    }

    /**
     * Reads at most one byte more than the maximum message size, enough for the parser to reject a
     * larger file without holding all of it.
     */
    private static byte[] readDatagram(InputStream in) throws IOException {
        return in.readNBytes(ParserLimits.DEFAULTS.maxMessageSize() + 1);
    }

    /** Feeds the file to a framer one chunk at a time, as a connection would, until framing breaks or the file ends. */
    private boolean parseStream(Path file, InputStream in, PrintWriter out) throws IOException {
        StreamFramer framer = new StreamFramer();
        byte[] chunk = new byte[STREAM_CHUNK_SIZE];
        boolean valid = true;
        boolean anyMessage = false;
        int read;
        while ((read = in.read(chunk)) > 0) {
            framer.feed(chunk, 0, read);
            StreamOutcome outcome = drain(file, framer, out);
            valid &= outcome != StreamOutcome.INVALID;
            anyMessage |= outcome != StreamOutcome.NONE;
            if (framer.state() == StreamFramer.State.BROKEN) {
                return false;
            }
        }
        if (framer.buffered() > 0) {
            printIncomplete(file, framer.buffered(), out);
            return false;
        }
        if (!anyMessage) {
            printEmptyStream(file, out);
            return false;
        }
        return valid;
    }

    /** Result of {@link #drain}: no message, only valid messages, or at least one invalid message. */
    private enum StreamOutcome { NONE, VALID, INVALID }

    /** Prints every complete message in the framer and stops at NeedMoreData or a framing error. */
    private StreamOutcome drain(Path file, StreamFramer framer, PrintWriter out) {
        StreamOutcome outcome = StreamOutcome.NONE;
        while (true) {
            MessageParseResult result = framer.next();
            switch (result) {
                case MessageParseResult.Parsed parsed -> {
                    printValid(file, parsed.message(), out);
                    outcome = outcome == StreamOutcome.INVALID ? outcome : StreamOutcome.VALID;
                }
                case MessageParseResult.Rejected rejected -> {
                    printInvalid(file, rejected.error(), out);
                    if (rejected.error().framing()) {
                        // A real connection is closed here: nothing after a framing error can be trusted.
                        return StreamOutcome.INVALID;
                    }
                    outcome = StreamOutcome.INVALID;
                }
                case MessageParseResult.NeedMoreData needMore -> {
                    return outcome;
                }
            }
        }
    }

    private void printValid(Path file, SipMessage message, PrintWriter out) {
        if (json) {
            out.println(toJson(file, MessageJson.describe(mapper, message)));
            return;
        }
        String startLine = switch (message) {
            case SipRequest request -> "REQUEST " + request.method().name() + " " + request.requestUri().format();
            case SipResponse response -> "RESPONSE " + response.statusCode() + " " + response.reasonPhrase();
        };
        out.println(file + ": valid " + startLine);
    }

    private void printInvalid(Path file, ParseError error, PrintWriter out) {
        if (json) {
            ObjectNode node = mapper.createObjectNode();
            node.put("valid", false);
            node.put("status", error.status());
            node.put("reason", error.reasonPhrase());
            node.put("header", error.header());
            node.put("offset", error.offset());
            node.put("framing", error.framing());
            out.println(toJson(file, node));
            return;
        }
        out.println(file + ": invalid " + error);
    }

    private void printIncomplete(Path file, int buffered, PrintWriter out) {
        if (json) {
            ObjectNode node = mapper.createObjectNode();
            node.put("valid", false);
            node.put("incomplete", true);
            node.put("bufferedBytes", buffered);
            out.println(toJson(file, node));
            return;
        }
        out.println(file + ": invalid incomplete message, " + buffered
                + " bytes at the end wait for more data (a stream would keep reading)");
    }

    private void printEmptyStream(Path file, PrintWriter out) {
        if (json) {
            ObjectNode node = mapper.createObjectNode();
            node.put("valid", false);
            node.put("empty", true);
            out.println(toJson(file, node));
            return;
        }
        out.println(file + ": invalid no message, the stream is empty or holds only CRLF keep-alives");
    }

    private String toJson(Path file, ObjectNode body) {
        ObjectNode node = mapper.createObjectNode();
        node.put("file", file.toString());
        node.setAll(body);
        try {
            return mapper.writeValueAsString(node);
        } catch (IOException e) {
            throw new IllegalStateException("failed to write JSON for " + file, e);
        }
    }
}
