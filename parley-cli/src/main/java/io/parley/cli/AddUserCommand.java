package io.parley.cli;

import io.parley.registrar.Ha1Algorithm;
import io.parley.registrar.UserEntry;
import io.parley.registrar.UsersFile;
import io.parley.registrar.UsersFileException;
import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code parley registrar add-user}: stores HA1 of a user's password in a users file, never the password. */
@Command(name = "add-user", mixinStandardHelpOptions = true,
        description = {"Adds USER in realm R to the users file, or replaces the entry, with HA1 for MD5, SHA-256 "
                + "and SHA-512-256. The password comes from --password-file, else the PARLEY_PASSWORD environment "
                + "variable, else a prompt on the terminal.",
            "Exit status: 0 stored, 2 usage error or unreadable file."})
public final class AddUserCommand implements Callable<Integer> {

    /** The environment variable read for the password when no password file is given. */
    static final String PASSWORD_VARIABLE = "PARLEY_PASSWORD";

    @Spec
    private CommandSpec spec;

    @Option(names = "--users", required = true, paramLabel = "FILE", description = "Users file to create or change.")
    private Path usersFile;

    @Option(names = "--realm", required = true, paramLabel = "R", description = "Digest realm of the user.")
    private String realm;

    @Option(names = "--password-file", paramLabel = "F", description = "File whose first line is the password.")
    private Path passwordFile;

    @Parameters(index = "0", paramLabel = "USER", description = "Digest user name, the user part of the AOR.")
    private String user;

    /** Reads environment variables; tests replace it. */
    UnaryOperator<String> environment = System::getenv;

    @Override
    public Integer call() {
        char[] password = readPassword();
        try {
            UserEntry entry = UsersFile.addOrReplaceUser(usersFile, user, realm, password);
            spec.commandLine().getOut().println("stored user " + entry.user() + " in realm " + entry.realm() + " in "
                    + usersFile + " with HA1 for " + Arrays.stream(Ha1Algorithm.values()).map(Ha1Algorithm::digestName).toList());
            spec.commandLine().getOut().flush();
            return 0;
        } catch (UsersFileException e) {
            throw usage(e.getMessage() + "; fix or remove that line, then run add-user again");
        } catch (IOException e) {
            throw usage("cannot update users file " + usersFile + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private char[] readPassword() {
        if (passwordFile != null) {
            return readPasswordFile();
        }
        String fromEnvironment = environment.apply(PASSWORD_VARIABLE);
        if (fromEnvironment != null) {
            return checkedPassword(fromEnvironment.toCharArray(), PASSWORD_VARIABLE);
        }
        return prompt();
    }

    private char[] readPasswordFile() {
        try {
            List<String> lines = Files.readAllLines(passwordFile, StandardCharsets.UTF_8);
            if (lines.isEmpty()) {
                throw usage("password file " + passwordFile + " is empty; put the password on its first line");
            }
            return checkedPassword(lines.get(0).toCharArray(), "password file " + passwordFile);
        } catch (IOException e) {
            throw usage("cannot read password file " + passwordFile + ": " + e.getMessage());
        }
    }

    private char[] prompt() {
        Console console = System.console();
        if (console == null) {
            throw usage("no terminal to prompt for the password; set " + PASSWORD_VARIABLE + " or give --password-file");
        }
        char[] first = console.readPassword("Password for %s in realm %s: ", user, realm);
        char[] second = console.readPassword("Repeat the password: ");
        try {
            if (first == null || second == null || !Arrays.equals(first, second)) {
                throw usage("the two passwords differ or input ended; nothing was stored");
            }
            return checkedPassword(first.clone(), "the prompt");
        } finally {
            zero(first);
            zero(second);
        }
    }

    private char[] checkedPassword(char[] password, String source) {
        if (password.length == 0) {
            throw usage("the password from " + source + " is empty; give a non-empty password");
        }
        return password;
    }

    private static void zero(char[] chars) {
        if (chars != null) {
            Arrays.fill(chars, '\0');
        }
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
