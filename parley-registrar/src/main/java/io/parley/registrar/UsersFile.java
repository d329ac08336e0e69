package io.parley.registrar;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The registrar's users: for each user and realm, HA1 per digest algorithm, never the password.
 * Instances are immutable, and {@link #withUser} returns a changed copy.
 *
 * <p>File format, UTF-8 text, one entry per line:
 * <pre>
 * # comment lines start with '#', and empty lines are ignored
 * user&lt;TAB&gt;realm&lt;TAB&gt;MD5 HA1&lt;TAB&gt;SHA-256 HA1&lt;TAB&gt;SHA-512-256 HA1
 * </pre>
 * HA1 = H(user ":" realm ":" password) in lower-case hex, and {@code -} in a column means no HA1 for
 * that algorithm. SHA-512-256 is FIPS 180-4 SHA-512/256. User and realm may contain spaces but no tab
 * or other control character, and a user name may not start with {@code #}. A user may appear once
 * per realm. {@link #write} puts a header comment that repeats this layout at the top.
 */
public final class UsersFile {

    private static final String NO_HA1 = "-";
    private static final String SEPARATOR = "\t";
    private static final int FIELD_COUNT = 2 + Ha1Algorithm.values().length;
    private static final String HEADER = """
            # Parley users file, format 1: one user per line, fields separated by one tab.
            # HA1 = H(user ":" realm ":" password) in lower-case hex; "-" where none is stored.
            # user\trealm\tMD5\tSHA-256\tSHA-512-256
            """;

    private record Key(String user, String realm) {}

    private final Map<Key, UserEntry> entries;

    private UsersFile(Map<Key, UserEntry> entries) {
        this.entries = entries;
    }

    /** Returns a users file without users. */
    public static UsersFile empty() {
        return new UsersFile(Map.of());
    }

    /**
     * Reads {@code file}.
     *
     * @throws UsersFileException when a line is malformed or repeats a user and realm
     * @throws IOException when the file cannot be read
     */
    public static UsersFile read(Path file) throws IOException {
        List<String> lines = decodeUtf8(file, Files.readAllBytes(file)).lines().toList();
        Map<Key, UserEntry> entries = new LinkedHashMap<>();
        Map<Key, Integer> lineOfKey = new HashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            String line = lines.get(index);
            int lineNumber = index + 1;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            UserEntry entry = parseLine(file, lineNumber, line);
            Key key = new Key(entry.user(), entry.realm());
            Integer previous = lineOfKey.putIfAbsent(key, lineNumber);
            if (previous != null) {
                throw new UsersFileException(file, lineNumber, "user " + entry.user() + " in realm "
                        + entry.realm() + " is already defined on line " + previous + "; keep one of the two", null);
            }
            entries.put(key, entry);
        }
        return new UsersFile(entries);
    }

    /**
     * Computes HA1 of {@code password} for every algorithm, stores it for {@code user} in
     * {@code realm} in {@code file}, replacing an existing entry, and writes the file atomically.
     * The file is created when absent. The caller still owns {@code password}.
     *
     * <p>NOTE: two processes changing the same file at once can lose one change, because each
     * reads, changes and replaces the whole file.
     *
     * @return the stored entry
     */
    public static UserEntry addOrReplaceUser(Path file, String user, String realm, char[] password) throws IOException {
        UsersFile current = Files.exists(file) ? read(file) : empty();
        UserEntry entry = UserEntry.fromPassword(user, realm, password);
        current.withUser(entry).write(file);
        return entry;
    }

    /** Returns the entry of {@code user} in {@code realm}, or empty. Both compare case-sensitively. */
    public Optional<UserEntry> find(String user, String realm) {
        return Optional.ofNullable(entries.get(new Key(user, realm)));
    }

    /** Returns every entry, in file order. */
    public List<UserEntry> entries() {
        return List.copyOf(entries.values());
    }

    /** Returns a copy with {@code entry} added, or replacing the entry of the same user and realm in place. */
    public UsersFile withUser(UserEntry entry) {
        Objects.requireNonNull(entry, "entry");
        Map<Key, UserEntry> changed = new LinkedHashMap<>(entries);
        changed.put(new Key(entry.user(), entry.realm()), entry);
        return new UsersFile(changed);
    }

    /**
     * Writes the users to {@code file} atomically: a temporary file in the same directory is written,
     * flushed to disk, then moved over {@code file}, so a reader sees the old or the new content, never
     * a mix. The new file is readable by its owner only, because HA1 is password-equivalent.
     */
    public void write(Path file) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        // Files.createTempFile gives the file owner-only permissions on POSIX file systems.
        Path temporary = Files.createTempFile(directory, file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer content = StandardCharsets.UTF_8.encode(format());
                while (content.hasRemaining()) {
                    channel.write(content);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            deleteAfterFailure(temporary, e);
            throw e;
        }
    }

    private String format() {
        StringBuilder text = new StringBuilder(HEADER);
        for (UserEntry entry : entries.values()) {
            text.append(entry.user()).append(SEPARATOR).append(entry.realm());
            for (Ha1Algorithm algorithm : Ha1Algorithm.values()) {
                text.append(SEPARATOR).append(entry.ha1(algorithm).orElse(NO_HA1));
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** Decodes {@code bytes} as strict UTF-8, dropping a leading byte order mark. */
    private static String decodeUtf8(Path file, byte[] bytes) throws UsersFileException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes);
        CharBuffer output = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(input, output, true);
        if (result.isError()) {
            int offset = input.position();
            throw new UsersFileException(file, lineNumberAt(bytes, offset),
                    "byte " + offset + " is not valid UTF-8; save the file as UTF-8", null);
        }
        decoder.flush(output);
        String text = output.flip().toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static int lineNumberAt(byte[] bytes, int offset) {
        int lineNumber = 1;
        for (int i = 0; i < offset; i++) {
            if (bytes[i] == '\n') {
                lineNumber++;
            }
        }
        return lineNumber;
    }

    private static UserEntry parseLine(Path file, int lineNumber, String line) throws UsersFileException {
        String[] fields = line.split(SEPARATOR, -1);
        if (fields.length != FIELD_COUNT) {
            throw new UsersFileException(file, lineNumber, "expected " + FIELD_COUNT
                    + " tab-separated fields (user, realm, then HA1 for MD5, SHA-256 and SHA-512-256, '-' for none)"
                    + " but found " + fields.length, null);
        }
        Map<Ha1Algorithm, String> ha1ByAlgorithm = new EnumMap<>(Ha1Algorithm.class);
        Ha1Algorithm[] algorithms = Ha1Algorithm.values();
        for (int i = 0; i < algorithms.length; i++) {
            String ha1 = fields[2 + i];
            if (!ha1.equals(NO_HA1)) {
                ha1ByAlgorithm.put(algorithms[i], ha1);
            }
        }
        try {
            return new UserEntry(fields[0], fields[1], ha1ByAlgorithm);
        } catch (IllegalArgumentException e) {
            throw new UsersFileException(file, lineNumber, e.getMessage(), e);
        }
    }

    private static void deleteAfterFailure(Path temporary, Exception failure) {
        try {
            Files.deleteIfExists(temporary);
        } catch (IOException deleteFailure) {
            failure.addSuppressed(deleteFailure);
        }
    }
}
