package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.parley.registrar.Ha1Algorithm;
import io.parley.registrar.UserEntry;
import io.parley.registrar.UsersFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code parley registrar add-user} in-process. */
class AddUserCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path temp;

    private int run(Map<String, String> environment, String... args) {
        AddUserCommand command = new AddUserCommand();
        command.environment = environment::get;
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void storesHashesFromPasswordFile() throws IOException {
        Path users = temp.resolve("users.txt");
        Path passwordFile = Files.writeString(temp.resolve("password"), "correct-horse-7\n");

        int status = run(Map.of(), "--users", users.toString(), "--realm", "example.com", "--password-file",
                passwordFile.toString(), "alice");

        assertThat(status).isZero();
        UserEntry entry = UsersFile.read(users).find("alice", "example.com").orElseThrow();
        assertThat(entry.ha1(Ha1Algorithm.SHA_256)).hasValue(
                Ha1Algorithm.SHA_256.ha1("alice", "example.com", "correct-horse-7".toCharArray()));
        assertThat(Files.readString(users)).doesNotContain("correct-horse-7");
    }

    @Test
    void readsPasswordFromEnvironment() throws IOException {
        Path users = temp.resolve("users.txt");

        int status = run(Map.of("PARLEY_PASSWORD", "s3cret"), "--users", users.toString(), "--realm", "example.com", "bob");

        assertThat(status).isZero();
        assertThat(UsersFile.read(users).find("bob", "example.com").orElseThrow().ha1(Ha1Algorithm.MD5))
                .hasValue(Ha1Algorithm.MD5.ha1("bob", "example.com", "s3cret".toCharArray()));
        assertThat(out.toString()).contains("stored user bob in realm example.com").doesNotContain("s3cret");
    }

    @Test
    void passwordFileTakesPrecedenceOverEnvironment() throws IOException {
        Path users = temp.resolve("users.txt");
        Path passwordFile = Files.writeString(temp.resolve("password"), "from-file\n");

        run(Map.of("PARLEY_PASSWORD", "from-environment"), "--users", users.toString(), "--realm", "r",
                "--password-file", passwordFile.toString(), "carol");

        assertThat(UsersFile.read(users).find("carol", "r").orElseThrow().ha1(Ha1Algorithm.MD5))
                .hasValue(Ha1Algorithm.MD5.ha1("carol", "r", "from-file".toCharArray()));
    }

    @Test
    void replacesExistingUserAndKeepsOthers() throws IOException {
        Path users = temp.resolve("users.txt");
        run(Map.of("PARLEY_PASSWORD", "first"), "--users", users.toString(), "--realm", "r", "alice");
        run(Map.of("PARLEY_PASSWORD", "other"), "--users", users.toString(), "--realm", "r", "bob");

        run(Map.of("PARLEY_PASSWORD", "second"), "--users", users.toString(), "--realm", "r", "alice");

        UsersFile file = UsersFile.read(users);
        assertThat(file.entries()).hasSize(2);
        assertThat(file.find("alice", "r").orElseThrow().ha1(Ha1Algorithm.MD5))
                .hasValue(Ha1Algorithm.MD5.ha1("alice", "r", "second".toCharArray()));
    }

    @Test
    void failsWithoutTerminalOrPasswordSource() {
        int status = run(Map.of(), "--users", temp.resolve("users.txt").toString(), "--realm", "r", "alice");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("set PARLEY_PASSWORD or give --password-file");
    }

    @Test
    void rejectsEmptyPassword() {
        int status = run(Map.of("PARLEY_PASSWORD", ""), "--users", temp.resolve("users.txt").toString(),
                "--realm", "r", "alice");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("password from PARLEY_PASSWORD is empty");
    }

    @Test
    void reportsMalformedUsersFile() throws IOException {
        Path users = Files.writeString(temp.resolve("users.txt"), "not a valid line\n");

        int status = run(Map.of("PARLEY_PASSWORD", "x"), "--users", users.toString(), "--realm", "r", "alice");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("line 1");
    }
}
