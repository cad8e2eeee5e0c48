package org.scratchnet.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.scratchnet.UserException;
import org.scratchnet.io.AtomicFiles;

/**
 * Reads and writes the CSV format of Kaggle's "Digit Recognizer" competition.
 *
 * <pre>
 *   train.csv: label,pixel0,pixel1,...,pixel783   then one row per image: 5,0,0,...,0
 *   test.csv:  pixel0,pixel1,...,pixel783         (no labels: Dataset.labels is null)
 * </pre>
 * Pixels are integers 0..255 and are scaled to [0,1] like IDX data; labels are 0..9. The header
 * decides the number of pixels (pixel0..pixel{n-1}), so small hand-made files work too.
 *
 * <p>Cells are parsed by hand from each line instead of String.split + Integer.parseInt: a
 * 42,000-row train.csv has 33 million cells, and skipping the per-cell String objects is what
 * makes reading take a second instead of several. Errors name the file, the 1-based line and,
 * for a bad value, the column.
 */
public final class KaggleCsvReader {

    private static final int CLASSES = 10;

    private KaggleCsvReader() {}

    /** The images of a Kaggle CSV file; labels are null when the header has no label column. */
    public static Dataset read(Path csv) {
        RawBytes.checkReadable(csv);
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(RawBytes.open(csv), StandardCharsets.UTF_8), 1 << 16)) {
            return parse(in, csv);
        } catch (IOException e) {
            throw new UserException("cannot read " + csv + ": " + AtomicFiles.describe(e)
                    + "; check the path and its permissions");
        }
    }

    private static Dataset parse(BufferedReader in, Path csv) throws IOException {
        String header = in.readLine();
        if (header == null || header.isBlank()) {
            throw new UserException(csv + " is empty: expected a header line"
                    + " 'label,pixel0,...,pixel783' (train.csv) or 'pixel0,...,pixel783' (test.csv)");
        }
        Header h = Header.parse(stripBom(header), csv);
        int columns = h.columns();

        // Pixels are kept as bytes while the row count is unknown: a quarter of the memory of floats.
        byte[] pixels = new byte[h.pixels * 1024];
        int[] labels = h.labelled ? new int[1024] : null;
        int rows = 0;
        int lineNo = 1;
        int firstBlank = 0; // a blank line is fine at the end of the file, not between rows
        String line;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                if (firstBlank == 0) firstBlank = lineNo;
                continue;
            }
            if (firstBlank != 0) {
                throw new UserException(csv + ": line " + firstBlank + " is empty, expected "
                        + columns + " values " + h.describeColumns() + "; remove the empty line");
            }
            int values = countValues(line);
            if (values != columns) {
                throw new UserException(csv + ": line " + lineNo + " has " + values
                        + " values, expected " + columns + " " + h.describeColumns());
            }
            if ((long) (rows + 1) * h.pixels > Integer.MAX_VALUE - 8) {
                throw new UserException(csv + ": too many rows at line " + lineNo
                        + " for one data set; split the file");
            }
            if ((long) (rows + 1) * h.pixels > pixels.length) {
                pixels = Arrays.copyOf(pixels, (int) Math.min(Integer.MAX_VALUE - 8L, 2L * pixels.length));
            }
            if (labels != null && rows == labels.length) labels = Arrays.copyOf(labels, 2 * rows);
            parseRow(line, lineNo, csv, h, pixels, rows * h.pixels, labels, rows);
            rows++;
        }
        if (rows == 0) {
            throw new UserException(csv + " has a header but no data rows; expected one row per image");
        }

        float[] x = new float[rows * h.pixels];
        for (int i = 0; i < x.length; i++) x[i] = (pixels[i] & 0xFF) / 255f;
        return new Dataset(x, labels == null ? null : Arrays.copyOf(labels, rows),
                rows, h.pixels, CLASSES, csv.toString());
    }

    /** Parses one row's cells into pixels[offset..] (as unsigned bytes) and labels[row]. */
    private static void parseRow(String line, int lineNo, Path csv, Header h,
                                 byte[] pixels, int offset, int[] labels, int row) {
        int n = line.length();
        int pos = 0;
        for (int col = 0; col < h.columns(); col++) {
            int start = pos;
            while (pos < n && line.charAt(pos) != ',') pos++;
            int value = parseCell(line, start, pos);
            boolean isLabel = h.labelled && col == 0;
            if (value == NOT_A_NUMBER) {
                throw new UserException(csv + ": line " + lineNo + ", column " + h.name(col) + ": '"
                        + abbreviate(line.substring(start, pos).strip()) + "' is not a whole number"
                        + (isLabel ? " 0..9" : " 0..255"));
            }
            if (isLabel) {
                if (value < 0 || value >= CLASSES) {
                    throw new UserException(csv + ": line " + lineNo + ", column label: label "
                            + value + " is outside 0..9");
                }
                labels[row] = value;
            } else {
                if (value < 0 || value > 255) {
                    throw new UserException(csv + ": line " + lineNo + ", column " + h.name(col)
                            + ": pixel " + value + " is outside 0..255");
                }
                pixels[offset++] = (byte) value;
            }
            pos++; // skip the comma
        }
    }

    private static final int NOT_A_NUMBER = Integer.MIN_VALUE;

    /**
     * The integer in line[start, end) allowing surrounding spaces and a sign, or NOT_A_NUMBER.
     * Values beyond +-1e6 are clamped: they only need to be recognised as out of range.
     */
    private static int parseCell(String line, int start, int end) {
        while (start < end && line.charAt(start) == ' ') start++;
        while (end > start && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\r')) end--;
        if (start == end) return NOT_A_NUMBER;
        boolean negative = false;
        char first = line.charAt(start);
        if (first == '-' || first == '+') {
            negative = first == '-';
            start++;
            if (start == end) return NOT_A_NUMBER;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            int d = line.charAt(i) - '0';
            if (d < 0 || d > 9) return NOT_A_NUMBER;
            if (value < 1_000_000) value = value * 10 + d;
        }
        return negative ? -value : value;
    }

    private static int countValues(String line) {
        int commas = 0;
        for (int i = 0, n = line.length(); i < n; i++) if (line.charAt(i) == ',') commas++;
        return commas + 1;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /** Writes {@code d} in the same format (pixel = round(x*255)), atomically. */
    public static void write(Dataset d, Path csv, boolean withLabels) {
        if (withLabels && d.labels == null) {
            throw new UserException("cannot write labels to " + csv + ": " + d.source
                    + " has no labels; write it without labels (test.csv format)");
        }
        AtomicFiles.write(csv, out -> writeTo(d, out, withLabels));
    }

    private static void writeTo(Dataset d, OutputStream out, boolean withLabels) throws java.io.IOException {
        StringBuilder header = new StringBuilder(d.features * 9);
        if (withLabels) header.append("label,");
        for (int j = 0; j < d.features; j++) {
            if (j > 0) header.append(',');
            header.append("pixel").append(j);
        }
        header.append('\n');
        out.write(header.toString().getBytes(StandardCharsets.US_ASCII));

        // One byte buffer per row and a table of the 256 pixel spellings keep writing cheap.
        byte[][] spelled = new byte[256][];
        for (int v = 0; v < 256; v++) spelled[v] = Integer.toString(v).getBytes(StandardCharsets.US_ASCII);
        byte[] row = new byte[4 * (d.features + 1) + 1];
        for (int i = 0; i < d.size; i++) {
            int n = 0;
            if (withLabels) {
                byte[] s = Integer.toString(d.labels[i]).getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(s, 0, row, n, s.length);
                n += s.length;
                row[n++] = ',';
            }
            int base = i * d.features;
            for (int j = 0; j < d.features; j++) {
                if (j > 0) row[n++] = ',';
                int v = Math.round(d.x[base + j] * 255f);
                byte[] s = spelled[Math.max(0, Math.min(255, v))];
                System.arraycopy(s, 0, row, n, s.length);
                n += s.length;
            }
            row[n++] = '\n';
            out.write(row, 0, n);
        }
    }

    /** The header line: whether it has a label column and how many pixel columns follow. */
    private record Header(boolean labelled, int pixels) {

        static Header parse(String line, Path csv) {
            String[] names = line.split(",", -1);
            boolean labelled = names.length > 0 && names[0].strip().equals("label");
            int first = labelled ? 1 : 0;
            int pixels = names.length - first;
            boolean ok = pixels > 0;
            for (int j = 0; ok && j < pixels; j++) {
                ok = names[first + j].strip().equals("pixel" + j);
            }
            if (!ok) {
                throw new UserException(csv + ": line 1 is not a Kaggle digit header: expected"
                        + " 'label,pixel0,...,pixel783' (train.csv) or 'pixel0,...,pixel783' (test.csv),"
                        + " found '" + abbreviate(line) + "'");
            }
            return new Header(labelled, pixels);
        }

        int columns() {
            return (labelled ? 1 : 0) + pixels;
        }

        String name(int col) {
            if (labelled) return col == 0 ? "label" : "pixel" + (col - 1);
            return "pixel" + col;
        }

        String describeColumns() {
            return labelled ? "(label + " + pixels + " pixels)" : "(" + pixels + " pixels, no label)";
        }
    }
}
