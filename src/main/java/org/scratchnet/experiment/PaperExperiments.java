package org.scratchnet.experiment;

import java.util.List;

/**
 * The paper's experiments, in its order. The files live in the repository's
 * {@code experiments/paper/} folder and travel inside the jar, so {@code scratchnet reproduce}
 * needs nothing but the data.
 */
public final class PaperExperiments {
    /** The files, in report order; the paper's experiment 2 (sigmoid and tanh) is two files. */
    public static final List<String> FILES = List.of("1-baseline.yaml", "2-deeper-sigmoid.yaml", "3-deeper-tanh.yaml",
            "4-dropout.yaml", "5-xavier.yaml", "6-kaiming.yaml");
    public static final String FOLDER = "experiments/paper/";

    private PaperExperiments() {}

    public static List<Experiment> load() {
        return FILES.stream().map(f -> ExperimentFile.readResource(FOLDER + f)).toList();
    }
}
