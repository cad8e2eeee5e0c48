package org.scratchnet.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scratchnet.UserException;
import org.scratchnet.train.History;

/**
 * serve's reader of the history CSV that train writes: every row and column of a history read
 * back as written (empty validation cells as null), files from before the learning_rate column,
 * and one line, with the line number, for a file that is not such a history.
 */
class HistoryCsvTest {
    @TempDir
    Path dir;

    @Test
    void aHistoryReadsBackAsTrainWroteIt() throws Exception {
        History h = History.of(List.of(
                new History.Row(10, 1, 1280, 0.812345, 0.75, Double.NaN, Double.NaN, 1.25, 0.003),
                new History.Row(20, 2, 2560, 0.412345, 0.875, 0.5, 0.86, 2.5, 0.0015)));
        Path file = Files.writeString(dir.resolve("m.history.csv"), h.toCsv());
        List<Map<String, Object>> rows = HistoryCsv.read(file);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("iteration", 10L).containsEntry("epoch", 1L).containsEntry("samples", 1280L)
                .containsEntry("train_loss", 0.812345).containsEntry("validation_loss", null).containsEntry("learning_rate", 0.003);
        assertThat(rows.get(1)).containsEntry("validation_accuracy", 0.86).containsEntry("seconds", 2.5)
                .containsEntry("learning_rate", 0.0015);
        assertThat(org.scratchnet.serve.WebServer.History.read(file).file()).as("the page names the file it read").isEqualTo("m.history.csv");
    }

    @Test
    void aHistoryFromBeforeTheRateColumnIsRead() {
        List<Map<String, Object>> rows = HistoryCsv.parse("iteration,epoch,samples,train_loss,train_accuracy,validation_loss,"
                + "validation_accuracy,seconds\n0,0,0,2.3,0.1,2.31,0.09,0.0\n", "old.csv");
        assertThat(rows).singleElement().satisfies(r -> assertThat(r).doesNotContainKey("learning_rate").containsEntry("train_loss", 2.3));
    }

    @Test
    void whatIsNotAHistoryIsRefusedInOneLineWithItsLine() {
        String header = "iteration,epoch,samples,train_loss,train_accuracy,validation_loss,validation_accuracy,seconds,learning_rate\n";
        String[][] cases = {
            {"label,pixel0\n1,0\n", "does not start with train's header"},
            {header + "1,1,10,0.5,0.5,,,1.0\n", "line 2 has 8 cells, the header 9"},
            {header + "1,1,10,0.5,0.5,,,1.0,0.1\n2,1,20,NaN,0.5,,,1.0,0.1\n", "line 3 has 'NaN' as its train_loss, not a finite number"},
            {header + "1.5,1,10,0.5,0.5,,,1.0,0.1\n", "line 2 has '1.5' as its iteration, not a whole number"},
            {header + ",1,10,0.5,0.5,,,1.0,0.1\n", "line 2 has '' as its iteration"},
            {header + "1,1,10,0.5,0.5,,,1.0,0.1\n\n2,1,20,0.5,0.5,,,1.0,0.1\n", "line 3 is empty"},
            {header + "1,1,10,0x1p3,0.5,,,1.0,0.1\n", "not a finite number"},
        };
        for (String[] c : cases) {
            assertThatThrownBy(() -> HistoryCsv.parse(c[0], "h.csv")).as(c[1]).isInstanceOf(UserException.class)
                    .hasMessageStartingWith("history file h.csv").hasMessageContaining(c[1]).hasMessageNotContaining("\n");
        }
        assertThatThrownBy(() -> HistoryCsv.read(dir.resolve("missing.csv"))).isInstanceOf(UserException.class)
                .hasMessage("cannot read history file " + dir.resolve("missing.csv") + ": no such file; check the path");
    }
}
