package org.scratchnet.experiment;

import java.util.List;

/**
 * One experiment of the paper, as its file states it: the paper's reported numbers, the seeds,
 * and two recipes, the paper's own ("as described") and a corrected one ("done right").
 *
 * @param name        a short slug, used for figure file names ("baseline")
 * @param source      where it was read from, for messages and the report
 * @param choices     Markdown: what the paper leaves open and what this file chose
 * @param explanation Markdown: why our numbers differ from the paper's, where they do
 */
public record Experiment(String name, String title, Paper paper, List<Long> seeds, RunSpec asDescribed,
                         RunSpec doneRight, String choices, String explanation, String source) {

    /**
     * What the paper reports, in percent; NaN where it gives no number.
     *
     * @param figure the paper's figure number for this experiment's curve, 0 if none
     */
    public record Paper(int figure, double trainAccuracy, double testAccuracy, String note) {}

    /** The two recipes every experiment runs, in report order. */
    public enum Variant {
        AS_DESCRIBED("as_described", "as described"),
        DONE_RIGHT("done_right", "done right");

        public final String key;
        public final String label;

        Variant(String key, String label) {
            this.key = key;
            this.label = label;
        }

        /** "as-described", for file names. */
        public String slug() {
            return key.replace('_', '-');
        }
    }

    public RunSpec spec(Variant variant) {
        return variant == Variant.AS_DESCRIBED ? asDescribed : doneRight;
    }

    /** The reduced experiment of {@code --quick}: the first seed only, short runs. */
    public Experiment quick(int maxIterations) {
        return new Experiment(name, title, paper, seeds.subList(0, 1), asDescribed.quick(maxIterations),
                doneRight.quick(maxIterations), choices, explanation, source);
    }
}
