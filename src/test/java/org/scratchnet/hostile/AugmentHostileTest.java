package org.scratchnet.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The augmentation options attacked through the real command line: an unknown kind, strengths out
 * of range or not numbers at all, a strength of a distortion that was not chosen, and a grid that
 * cannot be drawn. Each ends with one line, exit 2, and the folder as it was.
 */
class AugmentHostileTest {

    @Test
    void anUnknownKindOrAStrengthOutOfRangeIsOneLine(@TempDir Path dir) {
        OptionsHostileTest.smallCsv(dir);
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, "train", "--csv", "train.csv", "--augment", "sideways")))
                .contains("unknown augmentation 'sideways': use none, affine, elastic or both");
        assertThat(Expect.userError(Cli.run(dir, "train", "--csv", "train.csv", "--augment", "affine", "--rotation", "1e9")))
                .contains("--rotation must be a number from 0 to 180 (degrees), got 1000000000");
        assertThat(Expect.userError(Cli.run(dir, "train", "--csv", "train.csv", "--augment", "elastic", "--elastic-sigma", "NaN")))
                .contains("--elastic-sigma must be a finite number above 0, got 'NaN'");
        assertThat(Expect.userError(Cli.run(dir, "train", "--csv", "train.csv", "--augment", "both", "--elastic-alpha", "-34")))
                .contains("--elastic-alpha must be a finite number of at least 0, got '-34'");
        before.assertUnchanged();
    }

    @Test
    void aStrengthOfADistortionNotChosenIsRefused(@TempDir Path dir) {
        OptionsHostileTest.smallCsv(dir);
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, "train", "--csv", "train.csv", "--shift", "3")))
                .contains("--shift does not apply to augment none: it is a setting of affine and both");
        assertThat(Expect.userError(Cli.run(dir, "data", "--csv", "train.csv", "--augment", "affine", "--elastic-sigma", "3")))
                .contains("--elastic-sigma does not apply to augment affine: it is a setting of elastic and both");
        before.assertUnchanged();
    }

    @Test
    void aGridThatCannotBeDrawnIsRefusedBeforeAnyWork(@TempDir Path dir) {
        OptionsHostileTest.smallCsv(dir);
        FolderSnapshot before = FolderSnapshot.of(dir);
        assertThat(Expect.userError(Cli.run(dir, "data", "--csv", "train.csv", "--augment", "elastic", "--grid", "grid.txt")))
                .contains("end it with .png, .jpg or .jpeg");
        assertThat(Expect.userError(Cli.run(dir, "data", "--csv", "train.csv", "--augment", "elastic", "--cols", "1")))
                .contains("--cols 1 leaves no room for a variant");
        before.assertUnchanged();
    }
}
