package org.scratchnet.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --input-dropout} attacked through the real command line: a rate that would drop
 * every pixel, a negative one, one that is not a number, and one that is below 1 as typed but 1
 * as the float the network keeps. Each ends with one line, exit 2, before any work, and the folder
 * as it was.
 */
class InputDropoutHostileTest {

    @Test
    void aRateOutsideZeroToOneIsOneLine(@TempDir Path dir) {
        OptionsHostileTest.smallCsv(dir);
        FolderSnapshot before = FolderSnapshot.of(dir);
        for (String bad : new String[] {"1", "-0.1", "nan"}) {
            assertThat(Expect.userError(Cli.run(dir, "train", "--csv", "train.csv", "--input-dropout", bad)))
                    .as("--input-dropout %s", bad).contains("--input-dropout must be").contains("got '" + bad + "'");
        }
        assertThat(Expect.userError(Cli.run(dir, "train", "--csv", "train.csv", "--input-dropout", "0.99999999")))
                .contains("input dropout rate must be in [0, 1)");
        before.assertUnchanged();
    }
}
