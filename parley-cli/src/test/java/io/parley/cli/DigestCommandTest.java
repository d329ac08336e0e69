package io.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs {@code parley digest} in-process. */
class DigestCommandTest {

    private static final String REPORT_CHALLENGE_A =
            "WWW-Authenticate: Digest realm=\"proximiti\",nonce=\"1110991143\",qop=\"auth\",algorithm=MD5";
    private static final String REPORT_CHALLENGE_B =
            "WWW-Authenticate: Digest realm=\"proximiti\",nonce=\"156730866\",qop=\"auth\",algorithm=MD5";
    private static final String REPORT_ANSWER_B = "Authorization: Digest username=\"23\",realm=\"proximiti\","
            + "nonce=\"156730866\",uri=\"sip:208.38.169.93:5060;transport=udp\","
            + "response=\"dd2cc3756a5c6b8ee4ce359405d0ddf3\",algorithm=MD5";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path temp;

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        String[] full = new String[args.length + 1];
        full[0] = "digest";
        System.arraycopy(args, 0, full, 1, args.length);
        return commandLine.execute(full);
    }

    @Test
    void reproducesReportedRegistration() {
        int status = run("--challenge", REPORT_CHALLENGE_A, "--username", "23", "--password", "4321",
                "--method", "REGISTER", "--uri", "sip:208.38.169.93", "--cnonce", "1110991143");

        assertThat(status).isZero();
        assertThat(out.toString().strip()).isEqualTo("Authorization: Digest username=\"23\", realm=\"proximiti\", "
                + "nonce=\"1110991143\", uri=\"sip:208.38.169.93\", response=\"b1a07fd5d80fb8fb4c9c6898fed8bfe2\", "
                + "algorithm=MD5, cnonce=\"1110991143\", qop=auth, nc=00000001");
    }

    @Test
    void acceptsBareChallengeValue() {
        int status = run("--challenge", "Digest realm=\"proximiti\",nonce=\"1110991143\",qop=\"auth\",algorithm=MD5",
                "--username", "23", "--password", "4321", "--method", "REGISTER", "--uri", "sip:208.38.169.93",
                "--cnonce", "1110991143");

        assertThat(status).isZero();
        assertThat(out.toString()).startsWith("Authorization: ").contains("b1a07fd5d80fb8fb4c9c6898fed8bfe2");
    }

    @Test
    void answersProxyAuthenticateWithProxyAuthorization() {
        int status = run("--challenge", "Proxy-Authenticate: Digest realm=\"sip.example.com\",qop=\"auth\","
                + "nonce=\"a9f0c3e5\",opaque=\"op-77\"", "--username", "alice", "--password", "correct-horse-7",
                "--method", "REGISTER", "--uri", "sip:pbx.sip.example.com", "--cnonce", "4b1d3e9f");

        assertThat(status).isZero();
        assertThat(out.toString()).startsWith("Proxy-Authorization: ")
                .contains("3d8aba2b0b51e13ff4c021abaab11642", "opaque=\"op-77\"");
    }

    @Test
    void explainsComputation() {
        run("--challenge", REPORT_CHALLENGE_A, "--username", "23", "--password", "4321", "--method", "REGISTER",
                "--uri", "sip:208.38.169.93", "--cnonce", "1110991143", "--explain");

        assertThat(out.toString()).contains(
                "A1        = 23:proximiti:4321",
                "HA1       = H(A1) = 9caff580be49005d7d548f6ff964cdcc",
                "A2        = REGISTER:sip:208.38.169.93",
                "hashed    = 9caff580be49005d7d548f6ff964cdcc:1110991143:00000001:1110991143:auth:",
                "response  = H(hashed) = b1a07fd5d80fb8fb4c9c6898fed8bfe2");
    }

    @Test
    void usesFixedNc() {
        run("--challenge", REPORT_CHALLENGE_A, "--username", "23", "--password", "4321", "--method", "REGISTER",
                "--uri", "sip:208.38.169.93", "--cnonce", "1110991143", "--nc", "2");

        assertThat(out.toString()).contains("nc=00000002");
    }

    @Test
    void readsPasswordFile() throws IOException {
        Path file = temp.resolve("password");
        Files.writeString(file, "4321\n", StandardCharsets.UTF_8);

        int status = run("--challenge", REPORT_CHALLENGE_A, "--username", "23", "--password-file", file.toString(),
                "--method", "REGISTER", "--uri", "sip:208.38.169.93", "--cnonce", "1110991143");

        assertThat(status).isZero();
        assertThat(out.toString()).contains("b1a07fd5d80fb8fb4c9c6898fed8bfe2");
    }

    @Test
    void explainsReportedRfc2069Answer() {
        int status = run("--check", "--challenge", REPORT_CHALLENGE_B, "--authorization", REPORT_ANSWER_B,
                "--password", "4321", "--method", "REGISTER");

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).contains(
                "qop=auth was offered but the answer has no qop, cnonce or nc",
                "RFC 2617 section 3.2.2",
                "its digest matches the RFC 2069 form");
    }

    @Test
    void confirmsCorrectAnswer() {
        int status = run("--check", "--challenge", REPORT_CHALLENGE_A, "--authorization",
                "Authorization: Digest username=\"23\",realm=\"proximiti\",nonce=\"1110991143\","
                        + "response=\"b1a07fd5d80fb8fb4c9c6898fed8bfe2\",uri=\"sip:208.38.169.93\",qop=auth,"
                        + "cnonce=\"1110991143\",nc=00000001,algorithm=MD5",
                "--password", "4321", "--method", "REGISTER");

        assertThat(status).isZero();
        assertThat(out.toString()).startsWith("correct");
    }

    @Test
    void reportsWrongPassword() {
        int status = run("--check", "--challenge", REPORT_CHALLENGE_A, "--authorization",
                "Digest username=\"23\",realm=\"proximiti\",nonce=\"1110991143\","
                        + "response=\"b1a07fd5d80fb8fb4c9c6898fed8bfe2\",uri=\"sip:208.38.169.93\",qop=auth,"
                        + "cnonce=\"1110991143\",nc=00000001,algorithm=MD5",
                "--password", "1234", "--method", "REGISTER");

        assertThat(status).isEqualTo(1);
        assertThat(out.toString()).contains("response does not match");
    }

    @Test
    void rejectsBothPasswordOptions() throws IOException {
        Path file = temp.resolve("password");
        Files.writeString(file, "4321\n", StandardCharsets.UTF_8);

        int status = run("--challenge", REPORT_CHALLENGE_A, "--username", "23", "--password", "4321",
                "--password-file", file.toString(), "--method", "REGISTER", "--uri", "sip:208.38.169.93");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("exactly one of --password and --password-file");
    }

    @Test
    void rejectsMissingChallenge() {
        int status = run("--username", "23", "--password", "4321", "--method", "REGISTER", "--uri", "sip:a");

        assertThat(status).isEqualTo(2);
    }

    @Test
    void rejectsCheckWithoutAuthorization() {
        int status = run("--check", "--challenge", REPORT_CHALLENGE_A, "--password", "4321", "--method", "REGISTER");

        assertThat(status).isEqualTo(2);
        assertThat(err.toString()).contains("--check needs --authorization");
    }

    @Test
    void failsOnUnusableChallenge() {
        int status = run("--challenge", "WWW-Authenticate: Bearer realm=\"example.com\"", "--username", "23",
                "--password", "4321", "--method", "REGISTER", "--uri", "sip:example.com");

        assertThat(status).isEqualTo(1);
        assertThat(err.toString()).contains("Bearer realm=\"example.com\"");
        assertThat(out.toString()).isEmpty();
    }
}
