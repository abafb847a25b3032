package dev.handoff.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code ./handoff} command line (CONTRACT.md section 5). Bad input gets one line on standard
 * error naming the path and the problem, and exit code 2; nothing is left running.
 */
@Command(name = "handoff", mixinStandardHelpOptions = true, version = "handoff 0.1.0",
        description = "Turns SSO-outage evidence packets into escalation staging records or duty-manager exceptions.",
        subcommands = {RunCommand.class, EvalCommand.class})
public final class Handoff {

    private Handoff() {
    }

    public static int execute(final String... args) {
        final CommandLine cl = new CommandLine(Handoff.class);
        cl.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof BadInputException) {
                System.err.println("handoff: " + e.getMessage());
                return 2;
            }
            System.err.println("handoff: " + e.getClass().getSimpleName() + ": " + oneLine(e.getMessage()));
            return 1;
        });
        return cl.execute(args);
    }

    private static String oneLine(final String s) {
        return s == null ? "" : s.replaceAll("\\s+", " ");
    }

    public static void main(final String[] args) {
        final int code = execute(args);
        System.exit(code);
    }
}
