package org.scratchnet.eval;

import java.util.ArrayList;
import java.util.List;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Forward;
import org.scratchnet.nn.Network;
import org.scratchnet.nn.SoftmaxCrossEntropy;

/**
 * A committee of trained networks that answers together: the arithmetic mean of its members'
 * softmax probabilities, the way Ciresan et al. (2011, 2012) and Meier et al. (2011) combine their
 * committees of MLPs and nets,
 * <pre>
 *   p̄_c(x) = (1/K) Σ_k A[L]_k,c(x)          K members, A[L]_k their softmax outputs
 *   predicted class = argmax_c p̄_c(x)        (the first of equal ones)
 *   loss = -(1/n) Σ_i log p̄_y_i(x_i)        the cross-entropy of the averaged probabilities
 * </pre>
 * The sum is taken in double precision, so a committee of K copies of one network gives that
 * network's probabilities to the last bit (K equal floats add exactly, and dividing by K gives
 * the float back). The loss takes each member's log-probability from its logits, as the network's
 * own loss does, and combines them as log p̄ = log Σ_k e^(log A_k) - log K (subtracting the largest
 * first), so it stays finite where a float probability underflows to 0.
 *
 * <p>Members must read the same inputs and answer the same classes; their hidden layers may
 * differ. A committee of one is its member: every method gives the network's own answer.
 */
public final class Committee {
    /** How a committee combines its members, in the words the reports and the JSON use. */
    public static final String COMBINATION = "the arithmetic mean of the members' softmax probabilities (as Ciresan et al. and"
            + " Meier et al. average their committees), predicting the class of the largest mean";

    private final List<Network> members;

    private Committee(List<Network> members) {
        this.members = List.copyOf(members);
    }

    /** The committee of {@code members}: at least one, all with the same input size and classes. */
    public static Committee of(List<Network> members) {
        if (members.isEmpty()) throw new IllegalArgumentException("a committee needs at least one member");
        Network first = members.get(0);
        for (int k = 1; k < members.size(); k++) {
            Network m = members.get(k);
            if (m.inputSize() != first.inputSize() || m.classes() != first.classes()) {
                throw new IllegalArgumentException("member " + k + " takes " + m.inputSize() + " inputs to " + m.classes()
                        + " classes but member 0 takes " + first.inputSize() + " to " + first.classes()
                        + "; a committee's members must read the same inputs and answer the same classes");
            }
        }
        return new Committee(members);
    }

    public List<Network> members() {
        return members;
    }

    public int size() {
        return members.size();
    }

    public int inputSize() {
        return members.get(0).inputSize();
    }

    public int classes() {
        return members.get(0).classes();
    }

    /** p̄ for a batch X [n, in] (dropout off), as a new array [n, classes]. */
    public float[] predictProbabilities(float[] X, int n) {
        return mean(memberProbabilities(X, n));
    }

    /** Each member's own probabilities for a batch X [n, in] (dropout off), in the members' order: arrays [n, classes]. */
    public List<float[]> memberProbabilities(float[] X, int n) {
        List<float[]> each = new ArrayList<>();
        for (Network member : members) each.add(member.predictProbabilities(X, n));
        return each;
    }

    /**
     * p̄: the mean of the members' probabilities, element by element (arrays of one length, one per
     * member), summed in double precision in the members' order; for one member, that member's array.
     */
    public static float[] mean(List<float[]> probabilities) {
        if (probabilities.size() == 1) return probabilities.get(0);
        int length = probabilities.get(0).length;
        double[] sum = new double[length];
        for (float[] A : probabilities) {
            if (A.length != length) throw new IllegalArgumentException("probabilities of " + A.length + " and " + length + " values");
            for (int j = 0; j < length; j++) sum[j] += A[j];
        }
        float[] mean = new float[length];
        for (int j = 0; j < length; j++) mean[j] = (float) (sum[j] / probabilities.size());
        return mean;
    }

    /** The committee's class for every example of {@code data}. */
    public int[] predict(Dataset data) {
        if (members.size() == 1) return members.get(0).predict(data);
        int[] predicted = new int[data.size];
        int C = classes();
        Forward.inChunks(members.get(0), data, (X, offset, n) -> {
            float[] p = predictProbabilities(X, n);
            for (int i = 0; i < n; i++) predicted[offset + i] = argmax(p, i * C, C);
        });
        return predicted;
    }

    /** The committee measured on a labelled dataset: its loss, predictions and report (see the class comment). */
    public Evaluation evaluate(Dataset data) {
        return evaluateEach(data).committee();
    }

    /** The committee's evaluation and each member's own, from one forward pass of each member. */
    public record Evaluations(Evaluation committee, List<Evaluation> members) {}

    /**
     * The committee measured on a labelled dataset, and each member as {@link Evaluation#of} measures
     * it alone (the same predictions and the same loss, to the last bit: the same logits, rows and
     * order of summing), from the one forward pass of each member that the committee needs.
     */
    public Evaluations evaluateEach(Dataset data) {
        Evaluation.requireFits(inputSize(), classes(), data);
        if (members.size() == 1) {
            Evaluation alone = Evaluation.of(members.get(0), data);
            return new Evaluations(alone, List.of(alone));
        }
        int K = members.size();
        int C = classes();
        int[] predicted = new int[data.size];
        int[][] memberPredicted = new int[K][data.size];
        double[] memberLoss = new double[K];
        double[] lossSum = new double[1];
        Forward.inChunks(members.get(0), data, (X, offset, n) -> {
            double[] sum = new double[n * C];
            double[][] logA = new double[K][n];  // log A_k,i,y_i of each member
            float[] A = new float[n * C];
            int[] argmax = new int[n];
            for (int k = 0; k < K; k++) {
                float[] Z = members.get(k).logits(X, n, false);
                SoftmaxCrossEntropy.forwardRows(Z, data.labels, offset, C, A, logA[k], argmax, 0, n);
                // The member alone: Network.evaluateBatch sums the same rows in the same order, chunk by chunk.
                memberLoss[k] += SoftmaxCrossEntropy.sum(data.labels, offset, n, logA[k], argmax, null);
                System.arraycopy(argmax, 0, memberPredicted[k], offset, n);
                for (int j = 0; j < sum.length; j++) sum[j] += A[j];
            }
            float[] mean = new float[C];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < C; c++) mean[c] = (float) (sum[i * C + c] / K);
                predicted[offset + i] = argmax(mean, 0, C);
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < K; k++) max = Math.max(max, logA[k][i]);
                double s = 0;
                for (int k = 0; k < K; k++) s += StrictMath.exp(logA[k][i] - max);
                lossSum[0] -= max + StrictMath.log(s) - StrictMath.log(K);
            }
        });
        List<Evaluation> each = new ArrayList<>();
        for (int k = 0; k < K; k++) each.add(evaluation(memberLoss[k] / data.size, memberPredicted[k], data, C));
        return new Evaluations(evaluation(lossSum[0] / data.size, predicted, data, C), List.copyOf(each));
    }

    private static Evaluation evaluation(double loss, int[] predicted, Dataset data, int classes) {
        return new Evaluation(loss, predicted, ClassificationReport.of(ConfusionMatrix.of(data.labels, predicted, classes)));
    }

    /** The index of the largest of p[offset .. offset+classes), the first of equal ones. */
    public static int argmax(float[] p, int offset, int classes) {
        int best = 0;
        for (int c = 1; c < classes; c++) if (p[offset + c] > p[offset + best]) best = c;
        return best;
    }
}
