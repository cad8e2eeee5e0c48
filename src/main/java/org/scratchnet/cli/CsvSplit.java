package org.scratchnet.cli;

import java.util.Locale;
import java.util.Map;
import org.scratchnet.UserException;
import org.scratchnet.data.ContentHash;
import org.scratchnet.data.Dataset;
import org.scratchnet.data.Splits;

/**
 * How {@code train --csv} divided a labelled CSV into training and test rows, recorded in the
 * model's metadata so that {@code evaluate --csv} can find the same test rows again: the file's
 * name, its row count and content hash (to know it is the same file), the test fraction and the
 * split seed (to redo the same stratified split).
 *
 * <p>Metadata keys: {@code test_split=stratified}, {@code test_fraction}, {@code split_seed},
 * {@code data_rows}, {@code test_rows}, {@code data_sha256} (see {@link ContentHash}).
 */
record CsvSplit(String file, int rows, String sha256, double testFraction, long seed, int testRows) {

    static final String KIND = "stratified";

    /** The split of {@code all} (read from {@code file}) that {@link Splits#stratified} makes. */
    static CsvSplit of(String file, Dataset all, double testFraction, long seed, int testRows) {
        return new CsvSplit(file, all.size, ContentHash.sha256(all), testFraction, seed, testRows);
    }

    void addTo(Map<String, String> metadata) {
        metadata.put("test_split", KIND);
        metadata.put("test_fraction", Double.toString(testFraction));
        metadata.put("split_seed", Long.toString(seed));
        metadata.put("data_rows", Integer.toString(rows));
        metadata.put("test_rows", Integer.toString(testRows));
        metadata.put("data_sha256", sha256);
    }

    /** The split a model's metadata records, or null if it was not trained on a split CSV. */
    static CsvSplit from(Map<String, String> metadata, String modelName) {
        if (!KIND.equals(metadata.get("test_split"))) return null;
        try {
            return new CsvSplit(metadata.getOrDefault("data", "?"), Integer.parseInt(metadata.get("data_rows")),
                    metadata.get("data_sha256"), Double.parseDouble(metadata.get("test_fraction")),
                    Long.parseLong(metadata.get("split_seed")), Integer.parseInt(metadata.get("test_rows")));
        } catch (RuntimeException e) {  // a missing (null) or malformed number
            throw new UserException(modelName + " records a test split but its metadata is incomplete or malformed"
                    + " (test_fraction, split_seed, data_rows, test_rows); add --all to evaluate every row of the file");
        }
    }

    /** Whether {@code data} holds exactly the rows this split was made from. */
    boolean matches(Dataset data) {
        return data.size == rows && ContentHash.sha256(data).equals(sha256);
    }

    /** The test part of {@code data} (which must match): the same stratified split as at training. */
    Dataset testPart(Dataset data) {
        return Splits.stratified(data, testFraction, seed).heldOut();
    }

    /** "the held-out 10% (4,200 rows, split seed 42) of train.csv". */
    String describe(String fileName) {
        return String.format(Locale.ROOT, "the held-out %s (%,d rows, split seed %d) of %s",
                percent(testFraction), testRows, seed, fileName);
    }

    /** 0.1 -> "10%", 0.125 -> "12.5%". */
    static String percent(double fraction) {
        double p = 100 * fraction;
        return (p == Math.rint(p) ? Long.toString(Math.round(p)) : String.format(Locale.ROOT, "%s", (float) p)) + "%";
    }
}
