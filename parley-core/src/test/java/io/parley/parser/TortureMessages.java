package io.parley.parser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Loads the RFC 4475 and RFC 5118 torture messages from the test resources. */
final class TortureMessages {

    static final String RFC4475 = "testdata/rfc4475";
    static final String RFC5118 = "testdata/rfc5118";

    private TortureMessages() {
    }

    /** Returns every {@code .dat} file of a test data directory, sorted by name. */
    static List<Path> files(String directory) {
        URL url = TortureMessages.class.getClassLoader().getResource(directory);
        if (url == null) {
            throw new IllegalStateException("test resource directory " + directory + " not found");
        }
        try (Stream<Path> paths = Files.list(Path.of(url.toURI()))) {
            return paths.filter(path -> path.getFileName().toString().endsWith(".dat")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Returns the bytes of a file as stored. */
    static byte[] read(Path path) {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the bytes of {@code directory/name}. */
    static byte[] read(String directory, String name) {
        return read(files(directory).stream().filter(p -> p.getFileName().toString().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " not found in " + directory)));
    }

    /**
     * Returns the wire bytes of an RFC 5118 archive file: the archive uses bare LF, two files lack the
     * empty line after the headers, and three declare a Content-Length that matches no body length.
     * So LF becomes CRLF, the empty line is added, and Content-Length is set to the body length.
     */
    static byte[] rfc5118WireBytes(byte[] archived) {
        String text = new String(archived, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
        int headEnd = text.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            text = text.endsWith("\r\n") ? text + "\r\n" : text + "\r\n\r\n";
            headEnd = text.indexOf("\r\n\r\n");
        }
        String head = text.substring(0, headEnd + 2);
        String body = text.substring(headEnd + 4);
        StringBuilder fixed = new StringBuilder(text.length());
        for (String line : head.split("\r\n")) {
            int colon = line.indexOf(':');
            String name = colon < 0 ? "" : line.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length") || name.equalsIgnoreCase("l")) {
                line = name + ": " + body.getBytes(StandardCharsets.ISO_8859_1).length;
            }
            fixed.append(line).append("\r\n");
        }
        fixed.append("\r\n").append(body);
        return fixed.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Returns the file name and wire bytes of every RFC 4475 and RFC 5118 message the parser
     * accepts, as arguments of a parameterized test.
     */
    static Stream<Arguments> acceptedByParser() {
        List<Arguments> accepted = new ArrayList<>();
        for (Path path : files(RFC4475)) {
            addIfParsed(accepted, path.getFileName().toString(), read(path));
        }
        for (Path path : files(RFC5118)) {
            addIfParsed(accepted, path.getFileName().toString(), rfc5118WireBytes(read(path)));
        }
        return accepted.stream();
    }

    private static void addIfParsed(List<Arguments> accepted, String name, byte[] bytes) {
        if (SipParser.parseDatagram(bytes) instanceof MessageParseResult.Parsed) {
            accepted.add(Arguments.of(name, bytes));
        }
    }
}
