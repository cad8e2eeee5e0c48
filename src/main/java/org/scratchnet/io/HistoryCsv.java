package org.scratchnet.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scratchnet.OneLine;
import org.scratchnet.UserException;
import org.scratchnet.train.History;

/**
 * The history CSV that {@code train} writes beside its model ({@code History.toCsv}), read back for
 * serve's history page: its header (with or without the learning_rate column, which files made
 * before it lack), then one row per record point, whole numbers where the columns are counts and
 * empty cells where a figure is undefined (null in JSON). Anything else is refused in one line
 * naming the file, the line and what was found. The file is read up to {@value #MAX_BYTES} bytes.
 * {@code plot history} reads it too.
 */
public final class HistoryCsv {
    /** Far more than any run records (a row is under 100 bytes). */
    static final int MAX_BYTES = 64 << 20;
    private static final String[] COLUMNS = History.CSV_COLUMNS.toArray(String[]::new);
    private static final int WHOLE_NUMBERS = 3;  // iteration, epoch, samples

    private HistoryCsv() {}

    /** The rows of {@code file}, each a map from column name to its number (null where empty). */
    public static List<Map<String, Object>> read(Path file) {
        byte[] bytes;
        try (InputStream in = InputFiles.open(file, "history file")) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (IOException e) {
            throw new UserException("cannot read history file " + file + ": " + AtomicFiles.describe(e));
        }
        if (bytes.length > MAX_BYTES) throw new UserException("history file " + file + " is larger than " + (MAX_BYTES >> 20)
                + " MiB; it is not a history CSV that train wrote");
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    static List<Map<String, Object>> parse(String text, String name) {
        String[] lines = text.split("\r?\n", -1);
        String header = lines[0].strip();
        int columns = header.equals(String.join(",", COLUMNS)) ? COLUMNS.length
                : header.equals(String.join(",", List.of(COLUMNS).subList(0, COLUMNS.length - 1))) ? COLUMNS.length - 1 : -1;
        if (columns < 0) {
            throw new UserException("history file " + name + " does not start with train's header (" + String.join(",", COLUMNS)
                    + "), but with '" + OneLine.excerpt(header, 60) + "'; give the .history.csv written beside a model");
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                if (i == lines.length - 1) break;  // the newline that ends the last row
                throw bad(name, i, "is empty");
            }
            String[] cells = line.split(",", -1);
            if (cells.length != columns) throw bad(name, i, "has " + cells.length + " cells, the header " + columns);
            Map<String, Object> row = new LinkedHashMap<>();
            for (int c = 0; c < columns; c++) {
                String cell = cells[c].strip();
                row.put(COLUMNS[c], cell.isEmpty() && c >= WHOLE_NUMBERS ? null : number(cell, c < WHOLE_NUMBERS, name, i, COLUMNS[c]));
            }
            rows.add(row);
        }
        return rows;
    }

    private static Number number(String cell, boolean whole, String name, int line, String column) {
        try {
            if (whole) {
                long v = Long.parseLong(cell);
                if (v < 0) throw new NumberFormatException();
                return v;
            }
            double v = Double.parseDouble(cell);
            if (!Double.isFinite(v) || cell.matches(".*[a-zA-Z&&[^eE]].*")) throw new NumberFormatException();
            return v;
        } catch (NumberFormatException e) {
            throw bad(name, line, String.format(Locale.ROOT, "has '%s' as its %s, not %s", OneLine.excerpt(cell, 30), column,
                    whole ? "a whole number" : "a finite number"));
        }
    }

    private static UserException bad(String name, int index, String what) {
        return new UserException("history file " + name + ": line " + (index + 1) + " " + what + "; give the .history.csv written"
                + " beside a model");
    }
}
