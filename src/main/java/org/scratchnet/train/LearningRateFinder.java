package org.scratchnet.train;

import java.util.ArrayList;
import java.util.List;
import org.scratchnet.SplitMix;
import org.scratchnet.UserException;
import org.scratchnet.augment.AugmentationSpec;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Network;
import org.scratchnet.nn.Parameter;
import org.scratchnet.optim.Optimizer;
import org.scratchnet.optim.OptimizerSpec;

/**
 * The learning-rate range test (Smith, "Cyclical Learning Rates for Training Neural Networks",
 * 2017; fastai's and PyTorch Lightning's {@code lr_find}): train for a few hundred updates while
 * the rate grows exponentially, watch the loss, and read a good rate off the curve.
 * <pre>
 *   α_i = start · (end / start)^(i / (steps - 1))          one update per rate, i = 0 .. steps - 1
 *   loss_i = the batch's mean loss before update i
 *   avg_i = β · avg_(i-1) + (1 - β) · loss_i                β = {@value #SMOOTHING}, avg_(-1) = 0
 *   smoothed_i = avg_i / (1 - β^(i+1))                      bias correction for the zero start
 *   stop once smoothed_i &gt; {@value #DIVERGED} · min(smoothed) or the loss is not finite
 *   suggestion = α at the steepest descent of smoothed against log α: the least of its gradient
 *                (central differences), leaving out the first {@value #SKIP_BEGIN} points and the last
 * </pre>
 * The network is trained in place: build a fresh one for the test and throw it away after.
 */
public final class LearningRateFinder {
    public static final double DEFAULT_START = 1e-7;
    public static final double DEFAULT_END = 10;
    public static final int DEFAULT_STEPS = 300;
    /** The smoothing of the loss curve, as fastai's and Lightning's. */
    static final double SMOOTHING = 0.98;
    /** The smoothed loss this many times its lowest means the rate has become too large. */
    static final double DIVERGED = 4;
    /** Points left out at the start of the curve, where the smoothing has not settled (Lightning's skip_begin). */
    static final int SKIP_BEGIN = 10;

    /** One update: its rate, the batch's loss before it, and the smoothed loss. */
    public record Point(double rate, double loss, double smoothed) {}

    /**
     * The curve, the suggested rate (NaN when the curve is too short to have a steepest descent),
     * and whether the test stopped because the loss diverged.
     */
    public record Result(List<Point> points, double suggestion, boolean diverged) {}

    private LearningRateFinder() {}

    /**
     * Runs the test on {@code net} with mini-batches of {@code batchSize} (0: the whole set) of
     * {@code train}, in an order shuffled from {@code seed}, updating with {@code optimizer} (its
     * own learning rate is replaced at every step).
     */
    public static Result run(Network net, Dataset train, OptimizerSpec optimizer, int batchSize, long seed,
                             double start, double end, int steps) {
        return run(net, train, optimizer, batchSize, seed, AugmentationSpec.none(), start, end, steps);
    }

    /** The same on training images distorted as {@code augmentation} says, as train would distort them. */
    public static Result run(Network net, Dataset train, OptimizerSpec optimizer, int batchSize, long seed,
                             AugmentationSpec augmentation, double start, double end, int steps) {
        if (!(start > 0) || !(end > start) || Double.isInfinite(end)) {
            throw new UserException("the range test needs 0 < start < end, got start " + start + " and end " + end);
        }
        if (steps < 2) throw new UserException("the range test needs at least 2 steps, got " + steps);
        if (train.size == 0) throw new UserException("the training set is empty");
        int N = train.size;
        int batch = batchSize == TrainingConfig.FULL_BATCH ? N : Math.min(batchSize, N);
        int perEpoch = (N + batch - 1) / batch;
        Optimizer opt = optimizer.create(net.engine().kernels());
        List<Parameter> params = net.parameters();
        boolean augmenting = augmentation.augments();
        MiniBatch miniBatch = augmenting ? null : new MiniBatch(train, batch, net.engine().kernels());
        int[] order = new int[N];
        for (int i = 0; i < N; i++) order[i] = i;
        SplitMix random = new SplitMix(seed);

        List<Point> points = new ArrayList<>();
        double avg = 0;
        double lowest = Double.POSITIVE_INFINITY;
        boolean diverged = false;
        try (AugmentedBatches augmented = augmenting ? new AugmentedBatches(train, batch, perEpoch, seed, augmentation, net.engine().kernels(), false) : null) {
            for (int i = 0; i < steps; i++) {
                int position = i % perEpoch;
                if (position == 0) Trainer.shuffle(order, random);
                int first = position * batch;
                int n = Math.min(batch, N - first);
                float[] x;
                int[] y;
                if (augmenting) {
                    AugmentedBatches.Batch b = augmented.next(i / perEpoch + 1, order, position);
                    x = b.x();
                    y = b.y();
                } else {
                    miniBatch.gather(order, first, n);
                    x = miniBatch.x;
                    y = miniBatch.y;
                }
                double loss = net.computeGradients(x, y, 0, n) / n;
                double rate = start * Math.pow(end / start, (double) i / (steps - 1));
                if (!Double.isFinite(loss) || loss > Trainer.EXPLODED_LOSS) {
                    diverged = true;
                    break;
                }
                avg = SMOOTHING * avg + (1 - SMOOTHING) * loss;
                double smoothed = avg / (1 - Math.pow(SMOOTHING, i + 1));
                points.add(new Point(rate, loss, smoothed));
                lowest = Math.min(lowest, smoothed);
                if (smoothed > DIVERGED * lowest) {
                    diverged = true;
                    break;
                }
                opt.setLearningRate((float) rate);
                opt.step(params);
            }
        }
        return new Result(List.copyOf(points), steepestDescent(points), diverged);
    }

    /** The rate where the smoothed loss falls fastest against log α, or NaN for a curve too short to tell. */
    static double steepestDescent(List<Point> points) {
        int from = SKIP_BEGIN;
        int to = points.size() - 1;  // the last point, where the test stopped, is left out
        if (to - from < 3) return Double.NaN;
        double steepest = Double.POSITIVE_INFINITY;
        int at = -1;
        for (int i = from; i < to; i++) {
            int a = Math.max(from, i - 1);
            int b = Math.min(to - 1, i + 1);
            double slope = (points.get(b).smoothed() - points.get(a).smoothed())
                    / (Math.log(points.get(b).rate()) - Math.log(points.get(a).rate()));
            if (slope < steepest) {
                steepest = slope;
                at = i;
            }
        }
        return points.get(at).rate();
    }
}
