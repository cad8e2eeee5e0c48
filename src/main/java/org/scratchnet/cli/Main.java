package org.scratchnet.cli;

import org.scratchnet.UserException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code scratchnet} command line. Each subcommand is its own class; this one only wires
 * them together and turns user errors into one line on stderr and a non-zero exit code
 * (2 for a bad command line or input, 1 for a failed check).
 */
@Command(name = "scratchnet", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A multilayer perceptron for handwritten digits (MNIST), written from scratch in Java.",
        subcommands = {TrainCommand.class, EvaluateCommand.class, PredictCommand.class, DataCommand.class,
                GradcheckCommand.class, PlotCommand.class, ExperimentCommand.class,
                ReproduceCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static final int USER_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line and returns its exit code (for tests and embedding). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UserException) {
                System.err.println("scratchnet: " + e.getMessage());
                return USER_ERROR;
            }
            throw e;
        });
        cli.setParameterExceptionHandler((e, unused) -> {
            String command = e.getCommandLine().getCommandName();
            System.err.println("scratchnet: " + e.getMessage() + " (see 'scratchnet "
                    + ("scratchnet".equals(command) ? "" : command + " ") + "--help')");
            return USER_ERROR;
        });
        return cli.execute(args);
    }

    /** The version from the jar manifest, when there is one. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"scratchnet " + (v == null ? "(development build)" : v)
                    + ", Java " + System.getProperty("java.version")};
        }
    }
}
