package org.scratchnet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code --help} of every subcommand, rendered as a user sees it and held to the same rules:
 * every option described, its default stated where it has one, one placeholder style
 * ({@code --batch=N} or the literal choices {@code --invert=auto|yes|no}, never {@code --rows=<rows>}), descriptions that are whole sentences, lines
 * within 80 columns, and no word (a path such as model.safetensors) broken across two lines.
 */
class HelpTextTest {

    static Stream<String> subcommands() {
        return new CommandLine(new Main()).getSubcommands().keySet().stream().filter(name -> !name.equals("help"));
    }

    static CommandLine.Model.CommandSpec spec(String name) {
        CommandLine cli = new CommandLine(new Main());
        return cli.getSubcommands().get(name).getCommandSpec();
    }

    static String help(String name) {
        CliEndToEndTest.Result r = CliEndToEndTest.run(name, "--help");
        assertThat(r.code()).isZero();
        return r.out();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subcommands")
    void everyOptionIsDescribedWithItsDefaultAndAnUppercasePlaceholder(String name) {
        String help = help(name);
        for (OptionSpec option : spec(name).options()) {
            if (option.usageHelp() || option.versionHelp()) continue;
            String shown = optionEntry(help, option.longestName());
            assertThat(String.join(" ", option.description())).as("%s %s has a description", name, option.longestName()).isNotBlank();
            if (!option.typeInfo().isBoolean()) {
                assertThat(option.paramLabel()).as("%s %s placeholder", name, option.longestName())
                        .matches("[A-Z][A-Z0-9_]*(\\|[A-Z][A-Z0-9_]*)*|[a-z0-9-]+(\\|[a-z0-9-]+)+");  // FILE|DIR, or choices auto|yes|no
                boolean hasDefault = option.defaultValue() != null || option.initialValue() != null
                        || Preset.OPTIONS.contains(option.longestName()) && name.equals("train");
                if (hasDefault) assertThat(shown).as("%s %s states its default", name, option.longestName()).contains("default");
            }
        }
        assertThat(help).as("no <angle> placeholders").doesNotContainPattern("[=\\s]<[a-z]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subcommands")
    void linesFitAndNoWordIsBrokenAcrossLines(String name) {
        String help = help(name);
        assertThat(help.lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(80));
        String flowing = help.replaceAll("\\s+", " ");
        for (String word : words(name)) {
            assertThat(flowing).as("'%s' whole in %s --help", word, name).contains(word);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("subcommands")
    void theDescriptionIsMadeOfWholeSentences(String name) {
        for (String paragraph : spec(name).usageMessage().description()) {
            assertThat(paragraph.strip()).as("%s description paragraph", name).matches("(?s).*[.)!?]$");
        }
    }

    @org.junit.jupiter.api.Test
    void trainShowsEveryPresetsValueForEveryOptionAPresetSets() {
        String help = help("train");
        String flowing = help.replaceAll("\\s+", " ");
        for (String option : Preset.OPTIONS) {
            String entry = optionEntry(help, option);
            String ours = Preset.DEFAULT.shown(option);
            for (Preset p : Preset.values()) {
                String value = p.shown(option);
                if (p == Preset.DEFAULT || java.util.Objects.equals(value, ours)) continue;
                assertThat(entry).as("%s with --preset %s", option, p.id()).contains(p.id() + ": " + (value != null ? value : "not used"));
            }
        }
        assertThat(optionEntry(help, "--lr")).contains("(default: 0.003; --preset paper: 0.1, simard2003: 0.1, srivastava2014: 0.01,"
                + " best: 0.001, best-augmented: 0.001, rasmus2015: 0.002)");
        assertThat(optionEntry(help, "--schedule")).contains("(default: onecycle; --preset paper: constant, simard2003: cosine,"
                + " srivastava2014: exponential, rasmus2015: linear)");
        assertThat(optionEntry(help, "--validation")).contains("(default: 0.1, with every preset)");
        assertThat(optionEntry(help, "--momentum")).contains("(default: 0.9). (--preset srivastava2014: 0.95)");
        assertThat(optionEntry(help, "--out")).contains("model.safetensors");
        for (Preset p : Preset.values()) assertThat(flowing).as("the footer names %s", p.id()).contains(p.id() + ": " + p.summary);
    }

    /** The words of every description, defaults filled in, that are long or hold a dot or a slash. */
    private static List<String> words(String name) {
        List<String> words = new ArrayList<>();
        CommandLine.Model.CommandSpec spec = spec(name);
        List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
        for (OptionSpec option : spec.options()) {
            for (String d : option.description()) {
                texts.add(option.defaultValue() == null ? d : d.replace("${DEFAULT-VALUE}", option.defaultValue()));
            }
        }
        for (String text : texts) {
            for (String word : text.split("\\s+")) {
                if (!word.contains("${") && word.matches(".*\\w[./]\\w.*")) words.add(word);
            }
        }
        return words;
    }

    /** The lines of one option's entry in the help, from its name to the next option (continuations are indented deeper). */
    private static String optionEntry(String help, String option) {
        Matcher m = Pattern.compile("(?m)^ {2,6}(-\\w, )?" + Pattern.quote(option) + "[=\\s\\[].*?(?=^ {2,6}(-\\w, )?--|\\z)", Pattern.DOTALL)
                .matcher(help);
        assertThat(m.find()).as("%s in:%n%s", option, help).isTrue();
        return m.group().replaceAll("\\s+", " ");
    }
}
