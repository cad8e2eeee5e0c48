package org.scratchnet.eval;

import org.scratchnet.UserException;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Forward;
import org.scratchnet.nn.Network;

/**
 * A trained network measured on a labelled dataset: mean cross-entropy loss, predictions, and the
 * paper's metrics (accuracy, confusion matrix, precision, recall, F1) through
 * {@link ClassificationReport}.
 */
public record Evaluation(double loss, int[] predicted, ClassificationReport report) {

    public static Evaluation of(Network net, Dataset data) {
        requireFits(net.inputSize(), net.classes(), data);
        int[] predicted = new int[data.size];
        double[] lossSum = new double[1];
        Forward.inChunks(net, data, (X, offset, n) ->
                lossSum[0] += net.evaluateBatch(X, data.labels, offset, n, predicted, offset));
        ConfusionMatrix cm = ConfusionMatrix.of(data.labels, predicted, net.classes());
        return new Evaluation(lossSum[0] / data.size, predicted, ClassificationReport.of(cm));
    }

    /** Refuses data without labels, or whose examples or classes are not those of a model of this shape. */
    static void requireFits(int inputSize, int classes, Dataset data) {
        if (!data.hasLabels()) throw new UserException(data.source + " has no labels, so it cannot be evaluated");
        if (data.features != inputSize) {
            throw new UserException("the model takes " + inputSize + " inputs but " + data.source + " has "
                    + data.features + " features per example");
        }
        if (data.classes != classes) {
            throw new UserException("the model has " + classes + " output classes but " + data.source + " has "
                    + data.classes + " (labels 0.." + (data.classes - 1) + "); evaluate a model trained on this kind of data");
        }
    }

    public double accuracy() {
        return report.accuracy();
    }
}
