package org.scratchnet.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Ansi.Text;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.OptionSpec;

/**
 * How {@code --help} is laid out, for every subcommand:
 *
 * <ul>
 *   <li>Text wraps at spaces only. picocli wraps with Java's line BreakIterator, which also breaks
 *       after a dot or a slash, so a file name came out as {@code model.} / {@code safetensors};
 *       a path or a name typed on a command line must stay whole to be copied.</li>
 *   <li>An option whose default comes from a preset ({@link Preset#OPTIONS}) says so, with the
 *       default recipe's value and every other preset's that differs, read from {@link Preset}
 *       (where each is stated once) rather than written again in the description; train's footer
 *       says what each preset is.</li>
 * </ul>
 */
final class HelpLayout {
    private HelpLayout() {}

    /** Installs the layout on {@code cli} and every subcommand it has. */
    static void install(CommandLine cli) {
        cli.setHelpFactory(Wrapped::new);
        for (CommandLine c : withSubcommands(cli)) {
            c.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpLayout::description);
            if (c.getCommand() instanceof TrainCommand) {
                c.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, HelpLayout::presetFooter);
            }
        }
    }

    private static List<CommandLine> withSubcommands(CommandLine cli) {
        List<CommandLine> all = new ArrayList<>(List.of(cli));
        for (CommandLine sub : cli.getSubcommands().values()) all.addAll(withSubcommands(sub));
        return all;
    }

    /** The command's description, each paragraph wrapped at spaces to the usage width. */
    private static String description(Help help) {
        StringBuilder s = new StringBuilder();
        int width = help.commandSpec().usageMessage().width();
        for (String paragraph : help.commandSpec().usageMessage().description()) {
            String text = help.colorScheme().text(paragraph).plainString();
            for (String line : wrap(text, width)) s.append(line).append(System.lineSeparator());
        }
        return s.toString();
    }

    /** Greedy word wrap at spaces; a word longer than the width stays whole on a line of its own. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (word.isEmpty()) continue;
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) line.append(' ');
            line.append(word);
        }
        if (line.length() > 0 || lines.isEmpty()) lines.add(line.toString());
        return lines;
    }

    /** picocli's help with the option table below and the preset defaults. */
    private static final class Wrapped extends Help {
        Wrapped(CommandLine.Model.CommandSpec spec, ColorScheme colorScheme) {
            super(spec, colorScheme);
        }

        @Override
        public Layout createDefaultLayout(List<OptionSpec> options, List<CommandLine.Model.PositionalParamSpec> positionals,
                                          ColorScheme colorScheme) {
            TextTable picocli = super.createDefaultLayout(options, positionals, colorScheme).textTable();
            SpaceWrappingTable table = new SpaceWrappingTable(colorScheme, picocli.columns());
            table.indentWrappedLines = picocli.indentWrappedLines;
            IOptionRenderer plain = createDefaultOptionRenderer();
            IOptionRenderer withPresets = (option, labels, scheme) -> plain.render(withPresetDefaults(option), labels, scheme);
            return new Layout(colorScheme, table, withPresets, createDefaultParameterRenderer());
        }
    }

    /** The option with "(default: A; --preset paper: B, ...)" after its description, if a preset sets it. */
    static OptionSpec withPresetDefaults(OptionSpec option) {
        if (!(option.command().userObject() instanceof TrainCommand) || !Preset.OPTIONS.contains(option.longestName())) {
            return option;
        }
        String name = option.longestName();
        String[] description = option.description().clone();
        boolean statesItsDefault = String.join(" ", description).contains("default");
        String presets = statesItsDefault ? presetValues(name) : presetDefaults(name);
        if (presets.isEmpty()) return option;
        description[description.length - 1] += " " + presets;
        return option.toBuilder().description(description).build();
    }

    /**
     * The default recipe's value and every preset's that differs from it: "(default: 0.003; --preset
     * paper: 0.1, best: 0.001)", "(default: 15; --preset paper: not used)" (it counts --iterations),
     * "(default: 0.1, with every preset)".
     */
    static String presetDefaults(String option) {
        String ours = Preset.DEFAULT.shown(option);
        String others = presetValues(option, ours);
        String first = ours != null ? "default: " + ours : "not used by default";
        return "(" + first + (others.isEmpty() ? ", with every preset" : "; --preset " + others) + ")";
    }

    /** For an option whose description states its own default: the presets that set it, "(--preset srivastava2014: 0.95)", or "". */
    static String presetValues(String option) {
        String others = presetValues(option, Preset.DEFAULT.shown(option));
        return others.isEmpty() ? "" : "(--preset " + others + ")";
    }

    /** "paper: 0.1, best: 0.001": each preset but the default whose value is not {@code ours}. */
    private static String presetValues(String option, String ours) {
        List<String> differing = new ArrayList<>();
        for (Preset p : Preset.values()) {
            String value = p.shown(option);
            if (p != Preset.DEFAULT && !Objects.equals(value, ours)) {
                differing.add(p.id() + ": " + (value != null ? value : "not used"));
            }
        }
        return String.join(", ", differing);
    }

    /** train's footer: every preset in a sentence or two, where it says which settings are the papers' and which ours. */
    private static String presetFooter(Help help) {
        StringBuilder s = new StringBuilder("Presets (--preset NAME; options given with it win over its values):")
                .append(System.lineSeparator());
        int width = help.commandSpec().usageMessage().width();
        for (Preset p : Preset.values()) {
            List<String> lines = wrap(p.id() + ": " + p.summary, width - 4);
            for (int i = 0; i < lines.size(); i++) {
                s.append(i == 0 ? "  " : "    ").append(lines.get(i)).append(System.lineSeparator());
            }
        }
        return s.toString();
    }

    /** A table whose wrapping columns break lines at spaces only. */
    private static final class SpaceWrappingTable extends TextTable {
        private final Help.ColorScheme colorScheme;

        SpaceWrappingTable(Help.ColorScheme colorScheme, Column[] columns) {
            super(colorScheme, columns);
            this.colorScheme = colorScheme;
        }

        @Override
        public Cell putValue(int row, int col, Text value) {
            Column column = columns()[col];
            // picocli indents continuation lines by indentWrappedLines; keep every piece short
            // enough that picocli itself never has to break it again.
            int width = column.width - column.indent - indentWrappedLines;
            String plain = value.plainString();
            if (column.overflow != Column.Overflow.WRAP || plain.length() <= width || plain.contains("\n")) {
                return super.putValue(row, col, value);
            }
            List<String> lines = wrap(plain, width);
            Cell cell = null;
            int from = 0;
            for (int i = 0; i < lines.size(); i++) {
                int start = plain.indexOf(lines.get(i), from);
                Text piece = value.substring(start, start + lines.get(i).length());
                from = start + lines.get(i).length();
                if (i > 0) {
                    while (rowCount() <= row + i) addEmptyRow();
                    piece = colorScheme.text(" ".repeat(indentWrappedLines)).concat(piece);
                }
                cell = super.putValue(row + i, col, piece);
            }
            return cell;
        }
    }
}
