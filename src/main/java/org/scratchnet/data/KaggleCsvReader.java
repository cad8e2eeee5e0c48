package org.scratchnet.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.scratchnet.MemoryLimit;
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
 * <p>Cells are parsed by hand from the bytes of each line instead of String.split +
 * Integer.parseInt: a 42,000-row train.csv has 33 million cells, and skipping the per-cell String
 * objects is what makes reading take a second instead of several. The file is streamed row by
 * row with a cap on the line length ({@value #MAX_LINE_BYTES} bytes) and the column count
 * ({@value #MAX_PIXELS} pixels), and its buffers grow only as rows arrive. Errors name the file,
 * the 1-based line and, for a bad value, the column, and show the cell as written.
 */
public final class KaggleCsvReader {

    private static final int CLASSES = 10;
    /** The most pixel columns read: a 256x256 image. More is a wrong file, not a digit data set. */
    static final int MAX_PIXELS = 1 << 16;
    /** The longest line read: a header of {@value #MAX_PIXELS} pixel names fits with room to spare. */
    static final int MAX_LINE_BYTES = 1 << 22;
    /** The path that means standard input. */
    public static final String STDIN = "-";

    private KaggleCsvReader() {}

    /**
     * The images of a Kaggle CSV file (gzip-compressed or not), or of standard input when the
     * path is {@code -}; labels are null when the header has no label column.
     */
    public static Dataset read(Path csv) {
        boolean stdin = csv.toString().equals(STDIN);
        String name = stdin ? "standard input (--csv -)" : csv.toString();
        try (InputStream in = stdin ? System.in : RawBytes.open(csv, "CSV file").in()) {
            return parse(new LineReader(in, MAX_LINE_BYTES), name);
        } catch (LineReader.TooLongException e) {
            throw new UserException(name + ": a line is longer than " + MemoryLimit.size(e.limit)
                    + " (a row of " + MAX_PIXELS + " pixels is far shorter); this is not a Kaggle digit CSV file");
        } catch (IOException e) {
            throw RawBytes.failure(csv, e);
        }
    }

    /** Parses the lines of a CSV; {@code name} names it in errors. Visible for the fuzz tests. */
    static Dataset parse(LineReader in, String name) throws IOException {
        if (!in.next() || isBlank(in.bytes(), 0, in.length())) {
            throw new UserException(name + " is empty: expected a header line"
                    + " 'label,pixel0,...,pixel783' (train.csv) or 'pixel0,...,pixel783' (test.csv)");
        }
        Header h = Header.parse(in.bytes(), in.length(), name);
        int columns = h.columns();

        // Pixels are kept as bytes while the row count is unknown: a quarter of the memory of floats.
        // The buffers grow as rows arrive, so memory follows what the file holds, not what it claims.
        byte[] pixels = new byte[h.pixels * 16];
        int[] labels = h.labelled ? new int[16] : null;
        int rows = 0;
        int lineNo = 1;
        int firstBlank = 0; // a blank line is fine at the end of the file, not between rows
        while (in.next()) {
            lineNo++;
            byte[] line = in.bytes();
            int n = in.length();
            if (isBlank(line, 0, n)) {
                if (firstBlank == 0) firstBlank = lineNo;
                continue;
            }
            if (firstBlank != 0) {
                throw new UserException(name + ": line " + firstBlank + " is empty, expected "
                        + columns + " values " + h.describeColumns() + "; remove the empty line");
            }
            int values = countValues(line, n);
            if (values != columns) {
                throw new UserException(name + ": line " + lineNo + " has " + values
                        + " values, expected " + columns + " " + h.describeColumns());
            }
            if ((long) (rows + 1) * h.pixels > Integer.MAX_VALUE - 8) {
                throw new UserException(name + ": too many rows at line " + lineNo
                        + " for one data set; split the file");
            }
            if ((long) (rows + 1) * h.pixels > pixels.length) {
                long grown = Math.min(Integer.MAX_VALUE - 8L, 2L * pixels.length);
                // the bytes, then the floats they become: 5 bytes per pixel
                MemoryLimit.require(5 * grown, "reading " + name + " (" + rows + " rows so far)");
                pixels = Arrays.copyOf(pixels, (int) grown);
            }
            if (labels != null && rows == labels.length) labels = Arrays.copyOf(labels, 2 * rows);
            parseRow(line, n, lineNo, name, h, pixels, rows * h.pixels, labels, rows);
            rows++;
        }
        if (rows == 0) {
            throw new UserException(name + " has a header but no data rows; expected one row per image");
        }

        MemoryLimit.require((long) Float.BYTES * rows * h.pixels, "the " + rows + " rows of " + name);
        float[] x = new float[rows * h.pixels];
        for (int i = 0; i < x.length; i++) x[i] = (pixels[i] & 0xFF) / 255f;
        return new Dataset(x, labels == null ? null : Arrays.copyOf(labels, rows),
                rows, h.pixels, CLASSES, name);
    }

    /** Parses one row's cells into pixels[offset..] (as unsigned bytes) and labels[row]. */
    private static void parseRow(byte[] line, int n, int lineNo, String name, Header h,
                                 byte[] pixels, int offset, int[] labels, int row) {
        int pos = 0;
        for (int col = 0; col < h.columns(); col++) {
            int start = pos;
            while (pos < n && line[pos] != ',') pos++;
            int value = parseCell(line, start, pos);
            boolean isLabel = h.labelled && col == 0;
            if (value == NOT_A_NUMBER) {
                throw new UserException(where(name, lineNo, h, col) + Cells.notANumber(line, start, pos, isLabel ? "0..9" : "0..255"));
            }
            if (isLabel) {
                if (value < 0 || value >= CLASSES) {
                    throw new UserException(where(name, lineNo, h, col) + "label " + Cells.asWritten(line, start, pos) + " is outside 0..9");
                }
                labels[row] = value;
            } else {
                if (value < 0 || value > 255) {
                    throw new UserException(where(name, lineNo, h, col) + "pixel " + Cells.asWritten(line, start, pos) + " is outside 0..255");
                }
                pixels[offset++] = (byte) value;
            }
            pos++; // skip the comma
        }
    }

    private static String where(String name, int lineNo, Header h, int col) {
        return name + ": line " + lineNo + ", column " + h.name(col) + ": ";
    }

    private static final int NOT_A_NUMBER = Integer.MIN_VALUE;

    /**
     * The integer in line[start, end) allowing surrounding spaces and a sign, or NOT_A_NUMBER.
     * Values beyond +-1e6 are clamped: they only need to be recognised as out of range (the
     * message shows the cell as written).
     */
    private static int parseCell(byte[] line, int start, int end) {
        while (start < end && line[start] == ' ') start++;
        while (end > start && (line[end - 1] == ' ' || line[end - 1] == '\r')) end--;
        if (start == end) return NOT_A_NUMBER;
        boolean negative = false;
        byte first = line[start];
        if (first == '-' || first == '+') {
            negative = first == '-';
            start++;
            if (start == end) return NOT_A_NUMBER;
        }
        int value = 0;
        for (int i = start; i < end; i++) {
            int d = line[i] - '0';
            if (d < 0 || d > 9) return NOT_A_NUMBER;
            if (value < 1_000_000) value = value * 10 + d;
        }
        return negative ? -value : value;
    }

    private static int countValues(byte[] line, int n) {
        int commas = 0;
        for (int i = 0; i < n; i++) if (line[i] == ',') commas++;
        return commas + 1;
    }

    private static boolean isBlank(byte[] line, int start, int end) {
        for (int i = start; i < end; i++) {
            byte c = line[i];
            if (c != ' ' && c != '\t' && c != '\r') return false;
        }
        return true;
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

        static Header parse(byte[] bytes, int length, String name) {
            int columns = countValues(bytes, length);
            if (columns > MAX_PIXELS + 1) {
                throw new UserException(name + ": line 1 has " + columns + " columns, more than ScratchNet reads ("
                        + MAX_PIXELS + " pixels, a 256x256 image); this is not a Kaggle digit CSV file");
            }
            String line = new String(bytes, 0, length, StandardCharsets.UTF_8);
            if (line.startsWith("\uFEFF")) line = line.substring(1);
            String[] names = line.split(",", -1);
            boolean labelled = names.length > 0 && names[0].strip().equals("label");
            int first = labelled ? 1 : 0;
            int pixels = names.length - first;
            boolean ok = pixels > 0;
            for (int j = 0; ok && j < pixels; j++) {
                ok = names[first + j].strip().equals("pixel" + j);
            }
            if (!ok) {
                throw new UserException(name + ": line 1 is not a Kaggle digit header: expected"
                        + " 'label,pixel0,...,pixel783' (train.csv) or 'pixel0,...,pixel783' (test.csv),"
                        + " found '" + abbreviate(Cells.escaped(line)) + "'");
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
