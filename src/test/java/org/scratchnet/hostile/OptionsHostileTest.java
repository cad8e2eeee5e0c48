package org.scratchnet.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Options and messages, attacked through the real command line in a JVM of its own: values that
 * silently trained something else or crashed (an empty training or test set, a division by zero),
 * file names that would split or recolour the error line, a command that runs out of heap, and
 * the {@code plot} command's errors. Each ends with one line, exit 2 and the folder unchanged.
 * The full table of option ranges is checked in process by {@code cli.OptionValidationTest}.
 */
class OptionsHostileTest {

    /** A Kaggle train.csv of 50 rows of noise, 5 per class: enough to split, too small to hide a mistake. */
    static Path smallCsv(Path dir) {
        Random random = new Random(11);
        StringBuilder s = new StringBuilder("label");
        for (int p = 0; p < 784; p++) s.append(",pixel").append(p);
        s.append('\n');
        for (int i = 0; i < 50; i++) {
            s.append(i % 10);
            for (int p = 0; p < 784; p++) s.append(',').append(random.nextInt(256));
            s.append('\n');
        }
        return Cli.write(dir.resolve("train.csv"), s.toString().getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void aValueOutOfRangeIsRefusedBeforeAnyWork(@TempDir Path dir) {
        smallCsv(dir);
        FolderSnapshot before = FolderSnapshot.of(dir);
        // --iterations -5 and 0 used to train 8 epochs and save the model.
        String message = Expect.userError(Cli.run(dir, "train", "--csv", "train.csv", "--iterations", "-5"));
        assertThat(message).contains("--iterations must be a whole number from 1 to 2147483647, got '-5'");
        before.assertUnchanged();
    }

    @Test
    void splitsThatLeaveASetEmptyAreRefused(@TempDir Path dir) {
        smallCsv(dir);
        FolderSnapshot before = FolderSnapshot.of(dir);
        // These two were a division by zero with a stack trace.
        assertThat(Expect.userError(Cli.run(dir, "train", "--csv", "train.csv", "--test-fraction", "0.999")))
                .contains("--test-fraction 0.999 leaves no examples to train on");
        assertThat(Expect.userError(Cli.run(dir, "train", "--csv", "train.csv", "--validation", "0.9999")))
                .contains("--validation 0.9999 leaves no examples to train on");
        // This one printed "test accuracy 0.00% ... NaN" and exited 0.
        assertThat(Expect.userError(Cli.run(dir, "train", "--csv", "train.csv", "--test-fraction", "0.01")))
                .contains("test set would be empty");
        before.assertUnchanged();
    }

    @Test
    void aFileNameWithControlCharactersStaysOnOneEscapedLine(@TempDir Path dir) {
        FolderSnapshot before = FolderSnapshot.of(dir);
        String name = "a\nb\u001b[31mred\rc.csv";
        String message = Expect.userError(Cli.run(dir, "train", "--csv", name));
        assertThat(message).contains("a\\nb\\u001b[31mred\\rc.csv").doesNotContain("\u001b");
        before.assertUnchanged();
    }

    @Test
    void runningOutOfHeapIsOneLineWithTheHint(@TempDir Path dir) {
        smallCsv(dir);
        FolderSnapshot before = FolderSnapshot.of(dir);
        // A 100 x 100 grid of digits is a 2800 x 2800 image: more than a 24 MiB heap holds.
        String message = Expect.userError(Cli.run(dir, List.of("-Xmx24m"), "data", "--csv", "train.csv",
                "--rows", "100", "--cols", "100", "--grid", "g.png"));
        assertThat(message).contains("-Xmx");
        before.assertUnchanged();
    }

    @Test
    void plotRefusesWhatItCannotDraw(@TempDir Path dir) {
        Cli.write(dir.resolve("figures"), "a file, not a folder\n".getBytes(StandardCharsets.US_ASCII));
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, "plot"))).contains("WHAT");
        assertThat(Expect.userError(Cli.run(dir, "plot", "weights"))).contains("'weights'").contains("plot activations");
        assertThat(Expect.userError(Cli.run(dir, "plot", "activations", "--out", "figures"))).contains("figures");
        before.assertUnchanged();
    }
}
