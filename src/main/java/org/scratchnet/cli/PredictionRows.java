package org.scratchnet.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.scratchnet.UserException;

/**
 * The file of {@code predict --output}: one row per image (or CSV row) as soon as it is
 * predicted, so memory stays flat however many there are. The format is the file's extension:
 * <pre>
 *   .csv    image,prediction,p0,...,p9,error[,label][,member_1,...,member_M]      RFC 4180 quoting; error empty when read
 *   .jsonl  {"image":...,"prediction":...,"probabilities":[...][,"member_predictions":[...]]} or {"image":...,"error":...}
 * </pre>
 * For a committee of M models the prediction and probabilities are the committee's, and each
 * member's own class follows, in --model order.
 * (.ndjson is taken as JSON Lines too). Probabilities are written with Java's shortest
 * round-trip float text, so reading them back gives the very floats ScratchNet computed.
 */
final class PredictionRows implements AutoCloseable {
    enum Format { CSV, JSON_LINES }

    private final Writer out;
    private final Format format;
    private final int classes;
    private final boolean labelled;
    /** The committee's members whose classes each row lists; 0 for one model. */
    private final int members;

    private PredictionRows(OutputStream out, Format format, int classes, boolean labelled, int members) {
        this.out = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        this.format = format;
        this.classes = classes;
        this.labelled = labelled;
        this.members = members;
    }

    /** The format {@code file}'s name asks for; a one-line error for any other extension. */
    static Format formatOf(Path file) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) return Format.CSV;
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) return Format.JSON_LINES;
        throw new UserException("--output " + file + ": name the file .csv (one row per image) or .jsonl (JSON Lines,"
                + " one object per image), the format follows the extension");
    }

    /**
     * Starts the file (a CSV header); {@code labelled}: a CSV input with labels adds a label column;
     * {@code members}: a committee's size (its members' classes follow each row), 1 for one model.
     */
    static PredictionRows start(OutputStream out, Format format, int classes, boolean labelled, int members) {
        PredictionRows rows = new PredictionRows(out, format, classes, labelled, members > 1 ? members : 0);
        if (format == Format.CSV) {
            StringBuilder header = new StringBuilder("image,prediction");
            for (int c = 0; c < classes; c++) header.append(",p").append(c);
            header.append(",error");
            if (labelled) header.append(",label");
            for (int m = 1; m <= rows.members; m++) header.append(",member_").append(m);
            rows.write(header.append('\n').toString());
        }
        return rows;
    }

    /**
     * A predicted row: {@code p} holds {@code classes} probabilities from {@code offset};
     * {@code memberPredictions} each member's class (a committee's; null for one model).
     */
    void predicted(String image, int prediction, float[] p, int offset, int label, int[] memberPredictions) {
        if ((memberPredictions == null ? 0 : memberPredictions.length) != members) {
            throw new IllegalArgumentException("a class for each of the " + members + " members");
        }
        if (format == Format.CSV) {
            StringBuilder row = new StringBuilder(csv(image)).append(',').append(prediction);
            for (int c = 0; c < classes; c++) row.append(',').append(p[offset + c]);
            row.append(',');
            if (labelled) row.append(',').append(label);
            for (int m = 0; m < members; m++) row.append(',').append(memberPredictions[m]);
            write(row.append('\n').toString());
        } else {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("image", image);
            row.put("prediction", prediction);
            float[] probabilities = new float[classes];
            System.arraycopy(p, offset, probabilities, 0, classes);
            row.put("probabilities", probabilities);
            if (labelled) row.put("label", label);
            if (members > 0) row.put("member_predictions", memberPredictions);
            write(Json.toLine(row) + "\n");
        }
    }

    /** An image that could not be read, with why. */
    void failed(String image, String why) {
        if (format == Format.CSV) {
            write(csv(image) + "," + ",".repeat(classes) + "," + csv(why) + (labelled ? "," : "") + ",".repeat(members) + "\n");
        } else {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("image", image);
            row.put("error", why);
            write(Json.toLine(row) + "\n");
        }
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
    static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) return field;
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    private void write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Flushes what is buffered; the stream itself belongs to the caller. */
    @Override
    public void close() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
