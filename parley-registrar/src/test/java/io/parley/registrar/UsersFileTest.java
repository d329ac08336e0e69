package io.parley.registrar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {

    private static final String MD5_HA1 = "939e7578ed9e3c518a452acee763bce9";
    private static final String SHA_256_HA1 = "7987c64c30e25f1b74be53f966b49b90f2808aa92faf9a00262392d7b4794232";

    @TempDir
    Path directory;

    private Path usersFile(String content) throws IOException {
        return Files.writeString(directory.resolve("users"), content);
    }

    @Test
    void addsUserWithoutStoringPassword() throws IOException {
        Path file = directory.resolve("users");

        UsersFile.addOrReplaceUser(file, "Mufasa", "testrealm@host.com", "Circle Of Life".toCharArray());

        String content = Files.readString(file);
        assertThat(content).doesNotContain("Circle Of Life");
        assertThat(content).contains("Mufasa\ttestrealm@host.com\t" + MD5_HA1 + "\t");
        UserEntry entry = UsersFile.read(file).find("Mufasa", "testrealm@host.com").orElseThrow();
        assertThat(entry.ha1(Ha1Algorithm.MD5)).contains(MD5_HA1);
        assertThat(entry.ha1(Ha1Algorithm.SHA_256)).isPresent();
        assertThat(entry.ha1(Ha1Algorithm.SHA_512_256)).isPresent();
    }

    @Test
    void replacesUserInSameRealmAndKeepsOthers() throws IOException {
        Path file = directory.resolve("users");
        UsersFile.addOrReplaceUser(file, "alice", "example.com", "old".toCharArray());
        UsersFile.addOrReplaceUser(file, "bob", "example.com", "bob's".toCharArray());
        UsersFile.addOrReplaceUser(file, "alice", "other.example.com", "elsewhere".toCharArray());

        UsersFile.addOrReplaceUser(file, "alice", "example.com", "new".toCharArray());

        UsersFile users = UsersFile.read(file);
        assertThat(users.entries()).extracting(UserEntry::user, UserEntry::realm).containsExactly(
                tuple("alice", "example.com"),
                tuple("bob", "example.com"),
                tuple("alice", "other.example.com"));
        assertThat(users.find("alice", "example.com").orElseThrow().ha1(Ha1Algorithm.SHA_256))
                .contains(Ha1Algorithm.SHA_256.ha1("alice", "example.com", "new".toCharArray()));
    }

    @Test
    void readsCommentsBlankLinesAndMissingHa1() throws IOException {
        Path file = usersFile("# users\n\nMufasa\ttestrealm@host.com\t" + MD5_HA1 + "\t-\t-\r\n");

        UserEntry entry = UsersFile.read(file).find("Mufasa", "testrealm@host.com").orElseThrow();

        assertThat(entry.ha1ByAlgorithm()).containsOnlyKeys(Ha1Algorithm.MD5);
    }

    @Test
    void readsRealmWithSpacesAndUtf8User() throws IOException {
        String realm = "Parley test realm";
        UserEntry written = UserEntry.fromPassword("Jäsøn Doe", realm, "pw".toCharArray());
        UsersFile.empty().withUser(written).write(directory.resolve("users"));

        UserEntry read = UsersFile.read(directory.resolve("users")).find("Jäsøn Doe", realm).orElseThrow();

        assertThat(read).isEqualTo(written);
    }

    @Test
    void writesHeaderThatDocumentsColumns() throws IOException {
        Path file = directory.resolve("users");

        UsersFile.empty().write(file);

        assertThat(Files.readString(file)).contains("# user\trealm\tMD5\tSHA-256\tSHA-512-256\n");
        assertThat(UsersFile.read(file).entries()).isEmpty();
    }

    @Test
    void writesFileReadableByOwnerOnly() throws IOException {
        Path file = directory.resolve("users");

        UsersFile.addOrReplaceUser(file, "alice", "example.com", "pw".toCharArray());

        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void leavesNoTemporaryFileBehind() throws IOException {
        Path file = directory.resolve("users");

        UsersFile.addOrReplaceUser(file, "alice", "example.com", "pw".toCharArray());
        UsersFile.addOrReplaceUser(file, "bob", "example.com", "pw".toCharArray());

        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void failedMoveLeavesTargetAndNoTemporaryFile() throws IOException {
        Path target = Files.createDirectory(directory.resolve("users"));
        Files.writeString(target.resolve("keep"), "x");

        assertThatThrownBy(() -> UsersFile.empty().write(target)).isInstanceOf(IOException.class);

        assertThat(target.resolve("keep")).hasContent("x");
        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void rejectsWrongFieldCountWithFileAndLine() throws IOException {
        Path file = usersFile("# header\nalice\texample.com\t" + MD5_HA1 + "\n");

        assertThatThrownBy(() -> UsersFile.read(file))
                .isInstanceOf(UsersFileException.class)
                .hasMessageStartingWith("users file " + file + " line 2: ")
                .hasMessageContaining("expected 5 tab-separated fields")
                .hasMessageContaining("found 3")
                .satisfies(e -> assertThat(((UsersFileException) e).line()).isEqualTo(2))
                .satisfies(e -> assertThat(((UsersFileException) e).file()).isEqualTo(file));
    }

    @Test
    void rejectsMalformedHa1WithoutQuotingIt() throws IOException {
        String almostHa1 = SHA_256_HA1.toUpperCase();
        Path file = usersFile("alice\texample.com\t-\t" + almostHa1 + "\t-\n");

        assertThatThrownBy(() -> UsersFile.read(file))
                .isInstanceOf(UsersFileException.class)
                .hasMessageContaining("line 1: SHA-256 HA1 of user alice is invalid: expected 64 lower-case hex digits")
                .hasMessageNotContaining(almostHa1);
    }

    @Test
    void rejectsLineWithoutHa1() throws IOException {
        Path file = usersFile("alice\texample.com\t-\t-\t-\n");

        assertThatThrownBy(() -> UsersFile.read(file))
                .isInstanceOf(UsersFileException.class)
                .hasMessageContaining("line 1: user alice in realm example.com has no HA1");
    }

    @Test
    void rejectsDuplicateUserInRealm() throws IOException {
        String line = "alice\texample.com\t" + MD5_HA1 + "\t-\t-\n";
        Path file = usersFile(line + "bob\texample.com\t" + MD5_HA1 + "\t-\t-\n" + line);

        assertThatThrownBy(() -> UsersFile.read(file))
                .isInstanceOf(UsersFileException.class)
                .hasMessageContaining("line 3: user alice in realm example.com is already defined on line 1");
    }

    @Test
    void rejectsInvalidUtf8WithLine() throws IOException {
        byte[] content = "# ok\nal\u00ffice\texample.com\t-\t-\t-\n".getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(directory.resolve("users"), content);

        assertThatThrownBy(() -> UsersFile.read(file))
                .isInstanceOf(UsersFileException.class)
                .hasMessageContaining("line 2: byte 7 is not valid UTF-8");
    }

    @Test
    void reportsMissingFile() {
        Path file = directory.resolve("absent");

        assertThatThrownBy(() -> UsersFile.read(file))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining(file.toString());
    }

    @Test
    void rejectsTabInUserName() {
        assertThatThrownBy(() -> UserEntry.fromPassword("al\tice", "example.com", "pw".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("user name \"al?ice\" contains a control character at index 2");
    }

    @Test
    void rejectsUserNameStartingWithHash() {
        assertThatThrownBy(() -> UserEntry.fromPassword("#alice", "example.com", "pw".toCharArray()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("starts with '#'");
    }

    @Test
    void masksHa1InToString() {
        UserEntry entry = new UserEntry("Mufasa", "testrealm@host.com", Map.of(Ha1Algorithm.MD5, MD5_HA1));

        assertThat(entry.toString()).doesNotContain(MD5_HA1).contains("Mufasa").contains("masked");
    }

    @Test
    void entryIsImmutable() {
        UserEntry entry = new UserEntry("Mufasa", "testrealm@host.com", Map.of(Ha1Algorithm.MD5, MD5_HA1));

        assertThatThrownBy(() -> entry.ha1ByAlgorithm().put(Ha1Algorithm.SHA_256, SHA_256_HA1))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(Set.copyOf(entry.ha1ByAlgorithm().keySet())).containsExactly(Ha1Algorithm.MD5);
    }
}
