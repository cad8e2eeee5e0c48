package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scratchnet.UserException;
import org.scratchnet.train.Checkpoint;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code train --resume FILE}: the run is the one its checkpoint was made by, so its options come
 * from the checkpoint (the options the user gave it, saved there), and nothing else is needed.
 * Options given beside --resume must describe the same run: one that would train otherwise
 * (another rate, more epochs, other data) is refused in one line naming it. Only where the
 * results go and how they are shown may change: {@value #WHERE}.
 */
final class TrainResume {
    /** Options that say where results go or how they are shown, not what is trained: free to change on resume. */
    static final String WHERE = "--out, --checkpoint, --json and --dashboard (with its --host and --port)";
    private static final Set<String> OUTPUT_OPTIONS = Set.of("--out", "--checkpoint", "--json", "--dashboard", "--host", "--port");
    /** Options never saved with a run: they are about this command, not the run. */
    private static final Set<String> NOT_SAVED = Set.of("--resume", "--json", "--dashboard", "--host", "--port");

    private TrainResume() {}

    /**
     * The options of this command line to save with the run, as "--name value" pairs (files as
     * absolute paths, so a resume from another folder finds them), each option once.
     */
    static List<String> runOptions(ParseResult parsed) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        for (OptionSpec o : parsed.matchedOptions()) {
            if (NOT_SAVED.contains(o.longestName())) continue;
            options.put(o.longestName(), values(o));
        }
        return flatten(options);
    }

    /**
     * The command that continues the run of {@code checkpoint}: its saved options with the output
     * options of {@code given} in their place. Refuses any other given option that changes the run.
     */
    static TrainCommand command(Checkpoint checkpoint, ParseResult given) {
        List<String> saved = checkpoint.options();
        TrainCommand original = parse(saved);
        String run = original.runKey();
        Map<String, List<String>> merged = options(saved);
        for (OptionSpec o : given.matchedOptions()) {
            String name = o.longestName();
            if (name.equals("--resume")) continue;
            List<String> values = values(o);
            if (!OUTPUT_OPTIONS.contains(name)) {
                Map<String, List<String>> one = options(saved);
                one.put(name, values);
                if (!parse(flatten(one)).runKey().equals(run)) {
                    throw new UserException(String.join(" ", concat(name, values)) + " is not how the run in " + checkpoint.file()
                            + " was made (it was: scratchnet train " + String.join(" ", saved) + "); continue it with 'scratchnet train"
                            + " --resume " + checkpoint.file() + "' and only " + WHERE + ", or start a new run without --resume");
                }
            }
            merged.put(name, values);
        }
        TrainCommand command = parse(flatten(merged));
        command.runOptions = flatten(withoutUnsaved(merged));
        return command;
    }

    private static Map<String, List<String>> withoutUnsaved(Map<String, List<String>> options) {
        Map<String, List<String>> copy = new LinkedHashMap<>(options);
        copy.keySet().removeAll(NOT_SAVED);
        return copy;
    }

    private static TrainCommand parse(List<String> args) {
        TrainCommand command = new TrainCommand();
        CommandLine cli = new CommandLine(command);
        try {
            cli.parseArgs(args.toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new UserException("the options saved in the checkpoint do not parse (" + e.getMessage()
                    + "); the checkpoint is from another version of ScratchNet or damaged");
        }
        command.parsed = cli.getParseResult();
        return command;
    }

    /** An option's values as typed, files made absolute; none for a flag. */
    private static List<String> values(OptionSpec o) {
        if (o.arity().max() == 0) return List.of();
        List<String> values = new ArrayList<>();
        for (String v : o.originalStringValues()) {
            values.add(o.type() == Path.class ? Path.of(v).toAbsolutePath().normalize().toString() : v);
        }
        return values;
    }

    /** "--name value ..." pairs in order, each name once (a later one replaces an earlier one). */
    private static Map<String, List<String>> options(List<String> args) {
        Map<String, List<String>> options = new LinkedHashMap<>();
        String name = null;
        for (String a : args) {
            if (a.startsWith("--")) {
                name = a;
                options.put(name, new ArrayList<>());
            } else if (name != null) {
                options.get(name).add(a);
            }
        }
        return options;
    }

    private static List<String> flatten(Map<String, List<String>> options) {
        List<String> args = new ArrayList<>();
        options.forEach((name, values) -> args.addAll(concat(name, values)));
        return args;
    }

    private static List<String> concat(String name, List<String> values) {
        List<String> all = new ArrayList<>();
        all.add(name);
        all.addAll(values);
        return all;
    }
}
