package org.scratchnet.cli;

import org.scratchnet.OneLine;
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
        subcommands = {TrainCommand.class, LrFindCommand.class, EvaluateCommand.class, PredictCommand.class, ExportCommand.class, InfoCommand.class, DataCommand.class,
                GradcheckCommand.class, ExplainCommand.class, PlotCommand.class, ExperimentCommand.class, SweepCommand.class, ServeCommand.class,
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
        HelpLayout.install(cli);
        return run(cli, args);
    }

    /**
     * Runs {@code args} on {@code cli}, turning every error the user can cause into one line on
     * stderr and exit code {@value #USER_ERROR}: a {@link UserException}, an option picocli
     * refuses (with the option's name in front of a {@link OptionTypes} range), and, as a last
     * resort, an OutOfMemoryError (the commands check sizes before allocating; this catches
     * whatever slips through, with the hint to raise the heap instead of a trace).
     */
    static int run(CommandLine cli, String... args) {
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof UserException) return userError(e.getMessage());
            if (causedByOutOfMemory(e)) return outOfMemory(args);
            throw e;
        });
        cli.setParameterExceptionHandler((e, unused) -> {
            String command = e.getCommandLine().getCommandName();
            return userError(parameterMessage(e) + " (see 'scratchnet "
                    + ("scratchnet".equals(command) ? "" : command + " ") + "--help')");
        });
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            return outOfMemory(args);
        }
    }

    /** picocli's message, or for a value out of range "--option must be ..., got '...'". */
    private static String parameterMessage(CommandLine.ParameterException e) {
        if (e.getCause() instanceof CommandLine.TypeConversionException conversion
                && e.getArgSpec() instanceof CommandLine.Model.OptionSpec option) {
            return option.longestName() + " " + conversion.getMessage();
        }
        return e.getMessage();
    }

    private static int userError(String message) {
        System.err.println("scratchnet: " + OneLine.of(message));
        return USER_ERROR;
    }

    private static boolean causedByOutOfMemory(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) if (t instanceof OutOfMemoryError) return true;
        return false;
    }

    private static int outOfMemory(String[] args) {
        String command = args.length > 0 && !args[0].startsWith("-") ? args[0] + " " : "";
        long heapMiB = Runtime.getRuntime().maxMemory() >> 20;
        return userError("out of memory: this needs more than the " + heapMiB + " MiB of heap Java may use here; "
                + "give it more, e.g. SCRATCHNET_JAVA_OPTS=-Xmx8g ./scratchnet " + command + "... (or java -Xmx8g -jar ...)");
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
