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
        if (!data.hasLabels()) throw new UserException(data.source + " has no labels, so it cannot be evaluated");
        if (data.features != net.inputSize()) {
            throw new UserException("the model takes " + net.inputSize() + " inputs but " + data.source + " has "
                    + data.features + " features per example");
        }
        if (data.classes != net.classes()) {
            throw new UserException("the model has " + net.classes() + " output classes but " + data.source + " has "
                    + data.classes + " (labels 0.." + (data.classes - 1) + "); evaluate a model trained on this kind of data");
        }
        int[] predicted = new int[data.size];
        double[] lossSum = new double[1];
        Forward.inChunks(net, data, (X, offset, n) ->
                lossSum[0] += net.evaluateBatch(X, data.labels, offset, n, predicted, offset));
        ConfusionMatrix cm = ConfusionMatrix.of(data.labels, predicted, net.classes());
        return new Evaluation(lossSum[0] / data.size, predicted, ClassificationReport.of(cm));
    }

    public double accuracy() {
        return report.accuracy();
    }
}
