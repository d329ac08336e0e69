package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ParseCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path dir;

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    /** Copies a torture message out of the core test jar into the temporary directory. */
    private Path torture(String name) throws IOException {
        try (InputStream in = ParseCommandTest.class.getResourceAsStream("/testdata/rfc4475/" + name)) {
            assertThat(in).as("test resource %s", name).isNotNull();
            Path file = dir.resolve(name);
            Files.write(file, in.readAllBytes());
            return file;
        }
    }

    @Test
    void validRequestPrintsMethodAndUri() throws Exception {
        Path file = torture("wsinv.dat");

        int status = run("parse", file.toString());

        assertThat(status).isZero();
        assertThat(out.toString()).startsWith(file + ": valid REQUEST INVITE sip:vivekg@chair-dnrc.example.com;unknownparam");
    }

    @Test
    void validResponsePrintsStatusLine() throws Exception {
        Path file = torture("noreason.dat");

        int status = run("parse", file.toString());

        assertThat(status).isZero();
        assertThat(out.toString().strip()).isEqualTo(file + ": valid RESPONSE 100");
    }

    @Test
    void wrongVersionIsInvalid505() throws Exception {
        Path file = torture("badvers.dat");

        int status = run("parse", file.toString());

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).startsWith(file + ": invalid 505 ");
    }

    @Test
    void anyInvalidFileGivesExitOne() throws Exception {
        int status = run("parse", torture("wsinv.dat").toString(), torture("insuf.dat").toString());

        assertThat(status).isEqualTo(1);
        assertThat(out.toString().lines()).hasSize(2);
        assertThat(out.toString()).contains("insuf.dat: invalid 400 ");
    }

    @Test
    void missingFileIsUsageError() {
        int status = run("parse", dir.resolve("absent.dat").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("absent.dat");
    }

    @Test
    void missingFileMessageSaysNotFound() {
        int status = run("parse", dir.resolve("absent.dat").toString());

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("file not found");
    }

    @Test
    void datagramOverTwoGigabytesIsRejected() throws IOException {
        Path file = sparseFile("huge.dat", 3L << 30);

        int status = run("parse", file.toString());

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).startsWith(file + ": invalid 513 message larger than 65535 bytes");
    }

    @Test
    void streamOverTwoGigabytesStopsAtFramingError() throws IOException {
        Path file = sparseFile("huge.bin", 3L << 30);

        int status = run("parse", "--stream", file.toString());

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).startsWith(file + ": invalid 513 header section larger than 16384 bytes");
    }

    @Test
    void emptyStreamIsReportedAsInvalid() throws IOException {
        Path file = dir.resolve("keepalives.bin");
        Files.writeString(file, "\r\n\r\n\r\n", StandardCharsets.US_ASCII);

        int status = run("parse", "--stream", file.toString());

        assertThat(status).isEqualTo(1);
        assertThat(out.toString().strip()).isEqualTo(file + ": invalid no message, the stream is empty or holds only CRLF keep-alives");
    }

    /** Creates a file of {@code size} zero bytes; most file systems store it without using the space. */
    private Path sparseFile(String name, long size) throws IOException {
        Path file = dir.resolve(name);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(size);
        }
        return file;
    }

    @Test
    void noArgumentsIsUsageError() {
        assertThat(run("parse")).isEqualTo(2);
    }

    @Test
    void streamPrintsEveryMessage() throws IOException {
        String register = "REGISTER sip:example.com SIP/2.0\r\n"
                + "Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK-1\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:a@example.com>;tag=1\r\nTo: <sip:a@example.com>\r\n"
                + "Call-ID: c1\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n";
        String ok = "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/TCP 192.0.2.1:5060;branch=z9hG4bK-1\r\n"
                + "From: <sip:a@example.com>;tag=1\r\nTo: <sip:a@example.com>;tag=2\r\n"
                + "Call-ID: c1\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n";
        Path file = dir.resolve("stream.bin");
        Files.writeString(file, register + "\r\n\r\n" + ok, StandardCharsets.UTF_8);

        int status = run("parse", "--stream", file.toString());

        assertThat(status).isZero();
        assertThat(out.toString().lines()).containsExactly(
                file + ": valid REQUEST REGISTER sip:example.com",
                file + ": valid RESPONSE 200 OK");
    }

    @Test
    void streamReportsTruncatedTail() throws IOException {
        Path file = dir.resolve("cut.bin");
        Files.writeString(file, "REGISTER sip:example.com SIP/2.0\r\nVia: SIP/2.0/TCP 192.0.2.1", StandardCharsets.UTF_8);

        int status = run("parse", "--stream", file.toString());

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).contains("invalid incomplete message");
    }

    @Test
    void jsonShowsTypedViaAndTags() throws Exception {
        Path file = torture("wsinv.dat");

        int status = run("parse", "--json", file.toString());

        assertThat(status).isZero();
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("type").asText()).isEqualTo("REQUEST");
        assertThat(json.get("method").asText()).isEqualTo("INVITE");
        JsonNode firstVia = json.get("headers").findValue("via");
        assertThat(firstVia.get("branch").asText()).isEqualTo("390skdjuw");
        assertThat(json.get("bodyLength").asInt()).isPositive();
    }

    @Test
    void jsonDescribesRejection() throws Exception {
        int status = run("parse", "--json", torture("badvers.dat").toString());

        assertThat(status).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(out.toString());
        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.get("status").asInt()).isEqualTo(505);
    }
}
