package org.scratchnet.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain --html} pointed where it must not write: at a folder, at the command's own input,
 * at a FIFO. Each is refused in one line (exit 2) before the data is read or the step taken, and
 * the folder is left as it was; a good path gets the page, written whole, with no temporary file
 * left beside it.
 */
class ExplainHostileTest {

    @TempDir
    Path dir;

    @Test
    void theHtmlOutputIsCheckedBeforeWorkAndWrittenWhole() throws Exception {
        SmallData.trainCsv(dir.resolve("train.csv"), 60);
        Files.createDirectory(dir.resolve("page.html"));
        boolean fifo = new ProcessBuilder("mkfifo", dir.resolve("fifo.html").toString()).start().waitFor() == 0;
        FolderSnapshot before = FolderSnapshot.of(dir);

        assertThat(Expect.userError(Cli.run(dir, "explain", "--csv", "train.csv", "--layers", "784,4,10", "--html", "page.html")))
                .contains("page.html is a folder");
        assertThat(Expect.userError(Cli.run(dir, "explain", "--csv", "train.csv", "--layers", "784,4,10", "--html", "train.csv")))
                .contains("an input of this command");
        if (fifo) {
            assertThat(Expect.userError(Cli.run(dir, "explain", "--csv", "train.csv", "--layers", "784,4,10", "--html", "fifo.html")))
                    .contains("fifo.html is a FIFO");
        }
        before.assertUnchanged();

        Expect.success(Cli.run(dir, "explain", "--csv", "train.csv", "--layers", "784,4,10", "--batch", "2", "--html", "step.html"));
        assertThat(Files.readString(dir.resolve("step.html"))).startsWith("<!doctype html>").contains("id=\"step-data\"").endsWith("</html>\n");
        List<String> expected = new ArrayList<>(List.of("train.csv", "page.html", "step.html"));
        if (fifo) expected.add("fifo.html");
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
