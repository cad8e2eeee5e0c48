package org.scratchnet.sweep;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scratchnet.Count;

/**
 * A sweep's results table: one row per finished trial, best first by validation accuracy (then
 * the lower validation loss, then the trial number), diverged trials last. Never by test
 * accuracy: the trials do not measure it, so choosing among them cannot fit the test set. As text
 * (aligned columns), Markdown (a pipe table) and JSON.
 */
public final class SweepTable {
    private final List<TrialResult> rows;
    private final List<String> varied;
    private final TrialResult any;
    private final int planned;

    private SweepTable(List<TrialResult> rows) {
        this.rows = rows;
        this.any = rows.isEmpty() ? null : rows.get(0);
        this.varied = any == null ? List.of() : any.varied().stream().map(Sweep.Varied::field).toList();
        this.planned = any == null ? 0 : any.trials();
    }

    /** The table of {@code results}, sorted. */
    public static SweepTable of(List<TrialResult> results) {
        List<TrialResult> sorted = new ArrayList<>(results);
        sorted.sort(ORDER);
        return new SweepTable(sorted);
    }

    /** Best first: finished before diverged, higher validation accuracy, lower validation loss, lower trial number. */
    static final Comparator<TrialResult> ORDER = Comparator.comparing((TrialResult r) -> !r.finished())
            .thenComparing(r -> r.finished() ? -r.validationAccuracy() : 0.0)
            .thenComparing(r -> r.finished() && r.validationLoss() != null ? r.validationLoss() : 0.0)
            .thenComparingInt(TrialResult::trial);

    public List<TrialResult> rows() {
        return rows;
    }

    /** The best finished trial, or null if none finished. */
    public TrialResult best() {
        return rows.isEmpty() || !rows.get(0).finished() ? null : rows.get(0);
    }

    /** "Sweep lr-width (grid): 4 of 4 trials finished; sorted by validation accuracy on 300 images (the test set is not used)". */
    public String headline() {
        if (any == null) return "No trial has finished yet";
        return String.format(Locale.ROOT, "Sweep %s (%s search): %d of %s finished; sorted by validation accuracy on %s"
                        + " (the trials never see the test set)", any.sweep(), any.search(), rows.size(),
                Count.of(planned, "trial"), Count.of(any.validationSize(), "image"));
    }

    /** The table as aligned text. */
    public String text() {
        List<String[]> cells = cells();
        int[] width = new int[cells.get(0).length];
        for (String[] row : cells) for (int c = 0; c < row.length; c++) width[c] = Math.max(width[c], row[c].length());
        StringBuilder s = new StringBuilder(headline()).append('\n');
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                if (c > 0) line.append("  ");
                boolean left = c >= 2 && c < 2 + varied.size() && !numeric(row[c]);
                line.append(left ? pad(row[c], width[c], true) : pad(row[c], width[c], false));
            }
            s.append(line.toString().stripTrailing()).append('\n');
        }
        return s.toString();
    }

    /** The table as Markdown. */
    public String markdown() {
        List<String[]> cells = cells();
        StringBuilder s = new StringBuilder(headline()).append(".\n\n");
        s.append('|');
        for (String h : cells.get(0)) s.append(' ').append(h).append(" |");
        s.append("\n|");
        for (int c = 0; c < cells.get(0).length; c++) s.append(c < 2 || c >= 2 + varied.size() ? " ---: |" : " --- |");
        s.append('\n');
        for (String[] row : cells.subList(1, cells.size())) {
            s.append('|');
            for (String cell : row) s.append(' ').append(cell.replace("|", "\\|")).append(" |");
            s.append('\n');
        }
        return s.toString();
    }

    /** The table as a JSON object (strict JSON once written; accuracies as fractions). */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sweep", any == null ? null : any.sweep());
        m.put("title", any == null ? null : any.title());
        m.put("search", any == null ? null : any.search());
        m.put("trials", planned);
        m.put("finished", rows.size());
        m.put("sorted_by", "validation_accuracy");
        m.put("validation_images", any == null ? null : any.validationSize());
        m.put("varied", varied);
        List<Map<String, Object>> list = new ArrayList<>();
        int rank = 0;
        for (TrialResult r : rows) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("rank", ++rank);
            row.put("trial", r.trial());
            row.put("values", r.values());
            row.put("status", r.status());
            row.put("validation_accuracy", r.validationAccuracy());
            row.put("validation_loss", r.validationLoss());
            row.put("train_accuracy", r.trainAccuracy());
            row.put("best_epoch", r.bestEpoch());
            row.put("stopped_epoch", r.stoppedEpoch());
            row.put("seconds", r.seconds());
            list.add(row);
        }
        m.put("rows", list);
        TrialResult best = best();
        m.put("best_trial", best == null ? null : best.trial());
        return m;
    }

    private List<String[]> cells() {
        List<String[]> out = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("rank", "trial"));
        head.addAll(varied);
        head.addAll(List.of("val accuracy", "val loss", "train accuracy", "best epoch", "seconds"));
        out.add(head.toArray(String[]::new));
        int rank = 0;
        for (TrialResult r : rows) {
            List<String> row = new ArrayList<>(List.of(Integer.toString(++rank), Integer.toString(r.trial())));
            for (String field : varied) row.add(Trial.value(r.values().get(field)));
            if (r.finished()) {
                row.add(String.format(Locale.ROOT, "%.2f%%", 100 * r.validationAccuracy()));
                row.add(String.format(Locale.ROOT, "%.4f", r.validationLoss()));
                row.add(String.format(Locale.ROOT, "%.2f%%", 100 * r.trainAccuracy()));
                row.add(r.bestEpoch() == null ? "-" : Integer.toString(r.bestEpoch()));
            } else {
                row.addAll(List.of("diverged", "-", "-", "-"));
            }
            row.add(String.format(Locale.ROOT, "%.1f", r.seconds()));
            out.add(row.toArray(String[]::new));
        }
        return out;
    }

    private static boolean numeric(String cell) {
        return cell.matches("-?[0-9.Ee+-]+");
    }

    private static String pad(String s, int width, boolean left) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return left ? s + fill : fill + s;
    }
}
