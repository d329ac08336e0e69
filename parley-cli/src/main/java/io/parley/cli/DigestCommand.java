package io.parley.cli;

import io.parley.auth.AnswerDiagnosis;
import io.parley.auth.ChallengeSelection;
import io.parley.auth.ClientPolicy;
import io.parley.auth.CredentialsHeader;
import io.parley.auth.DigestAnswer;
import io.parley.auth.DigestChallenge;
import io.parley.auth.DigestCredentials;
import io.parley.message.AuthValue;
import io.parley.parser.AuthValueParser;
import io.parley.parser.ParseResult;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley digest}: computes or checks a digest answer to a challenge. */
@Command(name = "digest", mixinStandardHelpOptions = true,
        description = {"Prints the Authorization or Proxy-Authorization header a client sends to answer a "
                + "challenge, or with --check says whether a captured answer is right and why not.",
            "Exit status: 0 correct or printed, 1 wrong or nothing to answer, 2 usage error."})
public final class DigestCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--challenge", required = true, paramLabel = "HDR",
            description = "A WWW-Authenticate or Proxy-Authenticate header line, or just its value "
                    + "(then WWW-Authenticate is assumed). Repeat for several challenges.")
    private List<String> challenges = new ArrayList<>();

    @Option(names = "--username", paramLabel = "U", description = "Username; with --check, needed only for userhash answers.")
    private String username;

    @Option(names = "--password", paramLabel = "P", description = "Password. Visible in the process list; prefer --password-file.")
    private String password;

    @Option(names = "--password-file", paramLabel = "F", description = "File whose first line is the password.")
    private Path passwordFile;

    @Option(names = "--method", required = true, paramLabel = "M", description = "Request method, such as REGISTER.")
    private String method;

    @Option(names = "--uri", paramLabel = "URI", description = "Request-URI, exactly as sent, such as sip:example.com.")
    private String uri;

    @Option(names = "--body-file", paramLabel = "F", description = "File with the exact request body, hashed for qop=auth-int.")
    private Path bodyFile;

    @Option(names = "--cnonce", paramLabel = "C", description = "Fixed cnonce for reproducible output; random by default.")
    private String cnonce;

    @Option(names = "--nc", paramLabel = "N", defaultValue = "00000001",
            description = "Nonce count in hex, default ${DEFAULT-VALUE}.")
    private String nonceCount;

    @Option(names = "--explain", description = "Also print A1, HA1, A2, HA2 and the hashed string. Prints secrets.")
    private boolean explain;

    @Option(names = "--check", description = "Check the answer given with --authorization instead of computing one.")
    private boolean check;

    @Option(names = "--authorization", paramLabel = "HDR",
            description = "With --check: the Authorization or Proxy-Authorization header line, or just its value.")
    private String authorization;

    @Override
    public Integer call() {
        String secret = readPassword();
        byte[] body = readBody();
        return check ? check(secret, body) : compute(secret, body);
    }

    private int compute(String secret, byte[] body) {
        if (username == null || uri == null) {
            throw usage("--username and --uri are required unless --check is given");
        }
        CredentialsHeader header = headerOfChallenges();
        List<AuthValue> offered = new ArrayList<>();
        for (String challenge : challenges) {
            offered.add(parseHeader(challenge, "--challenge"));
        }
        List<DigestChallenge> chosen = ChallengeSelection.select(offered, ClientPolicy.DEFAULT);
        if (chosen.isEmpty()) {
            spec.commandLine().getErr().println("parley digest: "
                    + ChallengeSelection.describeOffer(header.statusCode(), offered, ClientPolicy.DEFAULT));
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        DigestCredentials credentials = new DigestCredentials(username, secret);
        for (DigestChallenge challenge : chosen) {
            DigestAnswer answer = DigestAnswer.build(challenge, credentials,
                    ChallengeSelection.chooseQop(challenge, ClientPolicy.DEFAULT), cnonceOrRandom(), parseNonceCount(),
                    method, uri, body);
            out.println(header.headerName() + ": " + answer.value().format());
            if (explain) {
                DigestExplanation.print(out, challenge, username, secret, answer);
            }
        }
        out.flush();
        return 0;
    }

    private int check(String secret, byte[] body) {
        if (authorization == null) {
            throw usage("--check needs --authorization");
        }
        AuthValue answer = parseHeader(authorization, "--authorization");
        AuthValue challenge = matchingChallenge(answer);
        AnswerDiagnosis diagnosis = AnswerDiagnosis.diagnose(challenge, answer, Optional.ofNullable(username), secret,
                method, body);
        PrintWriter out = spec.commandLine().getOut();
        if (diagnosis.correct()) {
            out.println("correct: the answer matches the challenge and the password");
        } else {
            out.println("wrong:");
            diagnosis.findings().forEach(finding -> out.println("  - " + finding));
        }
        out.flush();
        return diagnosis.correct() ? 0 : 1;
    }

    /** Returns the challenge whose nonce the answer carries, or the first one. */
    private AuthValue matchingChallenge(AuthValue answer) {
        List<AuthValue> parsed = new ArrayList<>();
        for (String challenge : challenges) {
            parsed.add(parseHeader(challenge, "--challenge"));
        }
        Optional<String> nonce = answer.param("nonce");
        return parsed.stream().filter(c -> c.param("nonce").equals(nonce)).findFirst().orElse(parsed.get(0));
    }

    private CredentialsHeader headerOfChallenges() {
        boolean proxy = false;
        boolean www = false;
        for (String challenge : challenges) {
            Optional<String> name = HeaderLine.name(challenge);
            proxy |= name.filter(n -> n.equalsIgnoreCase("Proxy-Authenticate")).isPresent();
            www |= name.isEmpty() || name.get().equalsIgnoreCase("WWW-Authenticate");
        }
        if (proxy && www) {
            throw usage("the challenges mix WWW-Authenticate and Proxy-Authenticate; give those of one response");
        }
        return proxy ? CredentialsHeader.PROXY_AUTHORIZATION : CredentialsHeader.AUTHORIZATION;
    }

    private AuthValue parseHeader(String line, String option) {
        String value = HeaderLine.value(line);
        ParseResult<AuthValue> result = AuthValueParser.parseChallengeOrCredentials(value);
        if (result instanceof ParseResult.Parsed<AuthValue> parsed) {
            return parsed.value();
        }
        String reason = result instanceof ParseResult.Malformed<AuthValue> malformed ? malformed.describe() : "incomplete";
        throw usage(option + " value is not a valid authentication header: " + reason);
    }

    private String readPassword() {
        if ((password == null) == (passwordFile == null)) {
            throw usage("give exactly one of --password and --password-file");
        }
        if (password != null) {
            return password;
        }
        try {
            List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                throw usage("password file " + passwordFile + " is empty");
            }
            return lines.get(0);
        } catch (IOException e) {
            throw usage("cannot read password file " + passwordFile + ": " + e.getMessage());
        }
    }

    private byte[] readBody() {
        if (bodyFile == null) {
            return new byte[0];
        }
        try {
            return Files.readAllBytes(bodyFile);
        } catch (IOException e) {
            throw usage("cannot read body file " + bodyFile + ": " + e.getMessage());
        }
    }

    private String cnonceOrRandom() {
        if (cnonce != null) {
            return cnonce;
        }
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    private int parseNonceCount() {
        if (nonceCount.isEmpty() || nonceCount.length() > 8 || !nonceCount.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw usage("--nc \"" + nonceCount + "\" is not 1 to 8 hex digits, such as 00000001");
        }
        int value = Integer.parseUnsignedInt(nonceCount, 16);
        if (value == 0) {
            throw usage("--nc must be 00000001 or more");
        }
        return value;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
