package io.parley.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code parley} command. */
@Command(name = "parley", mixinStandardHelpOptions = true, version = "parley 0.1.0",
        description = "SIP user agent, registrar and debugging tools.",
        subcommands = {CommandLine.HelpCommand.class, ParseCommand.class, DigestCommand.class,
            RegisterCommand.class, RegistrarCommand.class, DemoCommand.class})
public final class Main {

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
