package org.scratchnet.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The "analyse the data" step: what is in a data set before any model sees it.
 *
 * <p>Counts and share of each class (is it balanced?), pixel statistics over all values (mean,
 * standard deviation, range, share of exact zeros: MNIST is mostly background), and the mean
 * brightness of each class's images (a "1" uses far less ink than an "8"). Statistics are
 * accumulated in double so 47 million pixels do not lose precision. {@link #format()} gives a
 * table for people, {@link #toJson()} the same numbers for reports.
 */
public final class DataSummary {

    public final String source;
    public final int size;
    public final int features;
    public final int classes;
    public final boolean labelled;
    /** Examples per class; all zero when the data has no labels. */
    public final int[] counts;
    /** Mean pixel value of each class's images; NaN for a class with no examples. */
    public final double[] meanBrightness;
    public final double mean;
    public final double std;
    public final double min;
    public final double max;
    /** Share of pixel values that are exactly 0. */
    public final double zeroFraction;

    private DataSummary(Dataset d, int[] counts, double[] meanBrightness, double mean, double std,
                        double min, double max, double zeroFraction) {
        this.source = d.source;
        this.size = d.size;
        this.features = d.features;
        this.classes = d.classes;
        this.labelled = d.hasLabels();
        this.counts = counts;
        this.meanBrightness = meanBrightness;
        this.mean = mean;
        this.std = std;
        this.min = min;
        this.max = max;
        this.zeroFraction = zeroFraction;
    }

    /** Computes the summary in one pass over the pixels. */
    public static DataSummary of(Dataset d) {
        int[] counts = d.classCounts();
        double[] classSum = new double[d.classes];
        double sum = 0;
        double sumSq = 0;
        long zeros = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < d.size; i++) {
            double rowSum = 0;
            for (int j = i * d.features, end = j + d.features; j < end; j++) {
                float v = d.x[j];
                rowSum += v;
                sumSq += (double) v * v;
                if (v == 0f) zeros++;
                if (v < min) min = v;
                if (v > max) max = v;
            }
            sum += rowSum;
            if (d.labels != null) classSum[d.labels[i]] += rowSum;
        }
        double n = (double) d.size * d.features;
        double mean = n == 0 ? Double.NaN : sum / n;
        double variance = n == 0 ? Double.NaN : Math.max(0, sumSq / n - mean * mean);
        double[] brightness = new double[d.classes];
        for (int c = 0; c < d.classes; c++) {
            brightness[c] = counts[c] == 0 ? Double.NaN : classSum[c] / ((double) counts[c] * d.features);
        }
        return new DataSummary(d, counts, brightness, mean, Math.sqrt(variance),
                n == 0 ? Double.NaN : min, n == 0 ? Double.NaN : max, n == 0 ? Double.NaN : zeros / n);
    }

    /** Share of class {@code c} among all examples. */
    public double fraction(int c) {
        return size == 0 ? 0 : (double) counts[c] / size;
    }

    /** An aligned text table, ending with a newline. */
    public String format() {
        StringBuilder s = new StringBuilder();
        s.append("data      ").append(source).append('\n');
        s.append(String.format(Locale.ROOT, "examples  %d\n", size));
        int side = (int) Math.round(Math.sqrt(features));
        s.append(String.format(Locale.ROOT, "features  %d%s\n", features,
                side * side == features ? " (" + side + " x " + side + " pixels)" : ""));
        s.append(String.format(Locale.ROOT,
                "pixels    mean %.4f  std %.4f  min %.4f  max %.4f  zeros %.1f%%\n",
                mean, std, min, max, 100 * zeroFraction));
        if (!labelled) {
            s.append("labels    none\n");
            return s.toString();
        }
        s.append('\n');
        s.append(String.format(Locale.ROOT, "%5s  %8s  %7s  %15s\n", "class", "count", "share", "mean brightness"));
        for (int c = 0; c < classes; c++) {
            s.append(String.format(Locale.ROOT, "%5d  %8d  %6.2f%%  %15.4f\n",
                    c, counts[c], 100 * fraction(c), meanBrightness[c]));
        }
        s.append(String.format(Locale.ROOT, "%5s  %8d  %6.2f%%  %15.4f\n", "all", size, 100.0, mean));
        double ratio = imbalance();
        s.append("largest / smallest class: ").append(Double.isInfinite(ratio)
                ? "a class has no examples" : String.format(Locale.ROOT, "%.2f", ratio)).append('\n');
        return s.toString();
    }

    /** Largest class count divided by smallest (1 = perfectly balanced; infinite if a class is empty). */
    public double imbalance() {
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        for (int c : counts) {
            smallest = Math.min(smallest, c);
            largest = Math.max(largest, c);
        }
        return smallest == 0 ? Double.POSITIVE_INFINITY : (double) largest / smallest;
    }

    /** The same numbers as nested maps and lists, in a stable order, ready for Gson. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", source);
        json.put("size", size);
        json.put("features", features);
        json.put("classes", classes);
        json.put("labelled", labelled);
        Map<String, Object> pixels = new LinkedHashMap<>();
        pixels.put("mean", finiteOrNull(mean));
        pixels.put("std", finiteOrNull(std));
        pixels.put("min", finiteOrNull(min));
        pixels.put("max", finiteOrNull(max));
        pixels.put("zero_fraction", finiteOrNull(zeroFraction));
        json.put("pixels", pixels);
        if (labelled) {
            List<Map<String, Object>> perClass = new ArrayList<>();
            for (int c = 0; c < classes; c++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("label", c);
                row.put("count", counts[c]);
                row.put("fraction", fraction(c));
                row.put("mean_brightness", finiteOrNull(meanBrightness[c]));
                perClass.add(row);
            }
            json.put("per_class", perClass);
            json.put("imbalance", finiteOrNull(imbalance()));
        }
        return json;
    }

    /** Gson rejects NaN and infinities by default; JSON has null for "no value". */
    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }
}
