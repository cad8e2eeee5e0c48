package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scratchnet.io.CheckpointFile;
import org.scratchnet.train.Checkpoint;
import org.scratchnet.train.History;

/**
 * {@code scratchnet info RUN.checkpoint}: where a stopped (or still running) training run stands,
 * read from its checkpoint: the network, how far it got (epoch of the planned length, updates,
 * examples, seconds of training), what it measured last, the options it was started with, and the
 * command that continues it. A checkpoint is rewritten as a run goes on, so this is also how to
 * look at a long run from another terminal.
 */
final class CheckpointInfo {
    private static final Pattern LENGTH = Pattern.compile("(epochs|iterations)\\((\\d+)\\)");

    private CheckpointInfo() {}

    static int show(Path file, long bytes, boolean json) {
        Checkpoint c = Checkpoint.read(file);
        History.Row last = c.lastRecord();
        String planned = planned(c.setting("length"));
        String resume = "scratchnet train --resume " + file;
        if (json) {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("checkpoint", file.toString());
            out.put("file_bytes", bytes);
            out.put("format_version", CheckpointFile.FORMAT_VERSION);
            out.put("network", c.architecture());
            Map<String, Object> position = new LinkedHashMap<>();
            position.put("epoch", c.epoch());
            position.put("planned", planned);
            position.put("updates", c.step());
            position.put("samples", c.samples());
            position.put("training_seconds", finite(c.seconds()));
            out.put("position", position);
            out.put("last_record", last == null ? null : record(last));
            out.put("options", c.options());
            out.put("resume", resume);
            Json.print(out);
            return 0;
        }
        System.out.printf(Locale.ROOT, "Checkpoint %s: a training run between two updates, checkpoint format version %d,"
                + " %,d bytes%n", file, CheckpointFile.FORMAT_VERSION, bytes);
        System.out.printf(Locale.ROOT, "Network %s%n", c.architecture());
        System.out.printf(Locale.ROOT, "Position: epoch %d%s, %,d updates, %,d examples, %,.1f s of training%n", c.epoch(),
                planned == null ? "" : " of " + planned, c.step(), c.samples(), c.seconds());
        if (last == null) {
            System.out.println("Last record: none yet");
        } else {
            System.out.printf(Locale.ROOT, "Last record (epoch %d, update %,d): %s%n", last.epoch(), last.iteration(), recordText(last));
        }
        List<String> options = c.options();
        System.out.println("Started with: " + (options.isEmpty() ? "the defaults" : String.join(" ", options)));
        System.out.println("Continue it with: " + resume);
        return 0;
    }

    /** "200 epochs" for the saved length "epochs(200)", or null if it is not written that way. */
    static String planned(String length) {
        if (length == null) return null;
        Matcher m = LENGTH.matcher(length);
        return m.matches() ? m.group(2) + " " + m.group(1) : null;
    }

    private static Map<String, Object> record(History.Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", r.epoch());
        m.put("update", r.iteration());
        m.put("train_loss", finite(r.trainLoss()));
        m.put("train_accuracy", finite(r.trainAccuracy()));
        m.put("validation_loss", finite(r.validationLoss()));
        m.put("validation_accuracy", finite(r.validationAccuracy()));
        m.put("learning_rate", finite(r.learningRate()));
        return m;
    }

    private static String recordText(History.Row r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "train loss %.4f, accuracy %.2f%%", r.trainLoss(), 100 * r.trainAccuracy()));
        if (Double.isFinite(r.validationAccuracy())) {
            b.append(String.format(Locale.ROOT, "; validation loss %.4f, accuracy %.2f%%", r.validationLoss(), 100 * r.validationAccuracy()));
        }
        if (Double.isFinite(r.learningRate())) b.append(String.format(Locale.ROOT, "; learning rate %.3g", r.learningRate()));
        return b.toString();
    }

    /** JSON has no NaN: an unmeasured number is null. */
    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
