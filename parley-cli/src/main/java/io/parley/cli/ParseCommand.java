package io.parley.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.message.SipMessage;
import io.parley.message.SipRequest;
import io.parley.message.SipResponse;
import io.parley.parser.MessageParseResult;
import io.parley.parser.ParseError;
import io.parley.parser.SipParser;
import io.parley.parser.StreamFramer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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

    private final ObjectMapper mapper = new ObjectMapper();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        boolean allValid = true;
        for (Path file : files) {
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (IOException e) {
                err.println("parley parse: failed to read " + file + ": " + e.getMessage() + "; check the path and permissions");
                return 2;
            }
            boolean valid = stream ? parseStream(file, bytes, out) : parseDatagram(file, bytes, out);
            allValid &= valid;
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

    private boolean parseStream(Path file, byte[] bytes, PrintWriter out) {
        StreamFramer framer = new StreamFramer();
        framer.feed(bytes);
        boolean valid = true;
        while (true) {
            MessageParseResult result = framer.next();
            switch (result) {
                case MessageParseResult.Parsed parsed -> printValid(file, parsed.message(), out);
                case MessageParseResult.Rejected rejected -> {
                    printInvalid(file, rejected.error(), out);
                    if (rejected.error().framing()) {
                        // A real connection is closed here: nothing after a framing error can be trusted.
                        return false;
                    }
                    valid = false;
                }
                case MessageParseResult.NeedMoreData needMore -> {
                    if (framer.buffered() > 0) {
                        printIncomplete(file, framer.buffered(), out);
                        return false;
                    }
                    return valid;
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
