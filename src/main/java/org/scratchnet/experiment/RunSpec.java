package org.scratchnet.experiment;

import java.util.Arrays;
import java.util.Locale;
import org.scratchnet.nn.Activation;
import org.scratchnet.nn.Architecture;
import org.scratchnet.nn.Initializer;
import org.scratchnet.optim.Optimizer;
import org.scratchnet.tensor.ReferenceKernels;
import org.scratchnet.train.TrainingConfig;

/**
 * One complete training recipe, as an experiment file states it: the network, how its weights
 * start, and how it is trained. Validated when the file is read, so a run never starts on a bad
 * value.
 *
 * @param batch       examples per update; 0 = the whole training set (full-batch gradient descent)
 * @param iterations  updates to run, or 0 when {@code epochs} says how long to train
 * @param recordEvery a curve point every this many updates; 0 = about 50 points over the run, at
 *                    most 10 per epoch (each point is a pass over the validation set)
 */
public record RunSpec(Architecture architecture, Initializer init, String optimizer, float learningRate,
                      int batch, int iterations, int epochs, int recordEvery) {

    /** Points on a curve when the file does not say. */
    static final int CURVE_POINTS = 50;

    /** The training configuration for one seed on a training set of {@code trainSize} examples. */
    public TrainingConfig config(long seed, int trainSize) {
        TrainingConfig sized = new TrainingConfig(optimizer, learningRate, batch, epochs, iterations, 1, seed);
        int record = recordEvery > 0 ? recordEvery
                : Math.max(1, Math.max(sized.totalSteps(trainSize) / CURVE_POINTS, sized.stepsPerEpoch(trainSize) / 10));
        return new TrainingConfig(optimizer, learningRate, batch, epochs, iterations, record, seed);
    }

    /**
     * The reduced recipe of {@code --quick}: at most {@code maxIterations} updates for
     * full-batch runs and one epoch for mini-batch runs, enough to exercise everything.
     */
    public RunSpec quick(int maxIterations) {
        if (batch == 0) {
            int n = Math.min(iterations > 0 ? iterations : epochs, maxIterations);
            return new RunSpec(architecture, init, optimizer, learningRate, batch, n, 0, 0);
        }
        return new RunSpec(architecture, init, optimizer, learningRate, batch, 0, 1, 0);
    }

    /** "784-10-10 relu, init random; gd α=0.1, full batch, 500 iterations". */
    public String describe() {
        Activation[] a = architecture.activations();
        String activations = a.length == 0 ? "no hidden layer" : distinct(a);
        String dropout = "";
        for (float r : architecture.dropout()) if (r > 0) dropout = ", dropout " + architecture.dropoutText();
        String length = iterations > 0 ? iterations + " iterations" : epochs + (epochs == 1 ? " epoch" : " epochs");
        return String.format(Locale.ROOT, "%s %s%s, init %s; %s, %s, %s", architecture.sizesText(), activations,
                dropout, init.id(), Optimizer.create(new ReferenceKernels(), optimizer, learningRate).describe(),
                batch == 0 ? "full batch" : "batch " + batch, length);
    }

    private static String distinct(Activation[] a) {
        return Arrays.stream(a).allMatch(x -> x == a[0]) ? a[0].id()
                : String.join(",", Arrays.stream(a).map(Activation::id).toArray(String[]::new));
    }
}
