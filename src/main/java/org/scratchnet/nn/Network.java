package org.scratchnet.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.scratchnet.MemoryLimit;
import org.scratchnet.data.Dataset;

/**
 * A multilayer perceptron: dense layers with activations and optional dropout, then a softmax
 * output trained with cross-entropy. The paper's equations, generalised to L layers:
 *
 * <pre>
 *   forward:   Z[l] = A[l-1] · W[l]ᵀ + b[l],   A[l] = g[l](Z[l]),   A[0] = X,   A[L] = softmax(Z[L])
 *   backward:  dZ[L] = (A[L] - Y) / m
 *              dW[l] = dZ[l]ᵀ · A[l-1],   db[l] = Σ dZ[l],   dA[l-1] = dZ[l] · W[l]
 *              dZ[l-1] = dA[l-1] ⊙ g'[l-1](Z[l-1])
 * </pre>
 * Each step of those lines lives in one {@link Layer}; this class only chains them. Build one
 * with {@link #builder(int)} or {@link #create(Architecture, Initializer, long)}.
 */
public final class Network implements Differentiable {
    private final Architecture architecture;
    private final List<Layer> layers;
    private final List<Dense> denseLayers;
    private final List<Parameter> parameters;
    private final SoftmaxCrossEntropy loss;
    private final int[] correct = new int[1];
    private SingleInput single;  // made on the first predictOne

    private Network(Architecture architecture, long seed) {
        // The one place every network is made (new, from a model file, from an experiment):
        // the weights and their gradients are checked against the heap before they exist.
        MemoryLimit.require(memoryNeeded(architecture), "the network " + architecture.sizesText() + " ("
                + String.format(java.util.Locale.ROOT, "%,d", architecture.parameterCount()) + " parameters)",
                "use smaller layers");
        this.architecture = architecture;
        int[] sizes = architecture.sizes();
        List<Layer> layers = new ArrayList<>();
        List<Dense> dense = new ArrayList<>();
        List<Parameter> params = new ArrayList<>();
        SplittableRandom dropoutSeeds = new SplittableRandom(seed ^ 0x5DEECE66DL);
        for (int l = 0; l + 1 < sizes.length; l++) {
            // The first layer reads the pixels: it stores Wᵀ and computes no dX (see Dense).
            Dense d = l == 0 ? Dense.firstLayer(sizes[0], sizes[1]) : new Dense(sizes[l], sizes[l + 1], l);
            layers.add(d);
            dense.add(d);
            params.addAll(d.parameters());
            boolean hidden = l + 2 < sizes.length;
            if (hidden) {
                layers.add(new ActivationLayer(architecture.activations()[l], sizes[l + 1]));
                float rate = architecture.dropout()[l];
                if (rate > 0f) layers.add(new Dropout(rate, sizes[l + 1], dropoutSeeds.nextLong()));
            }
        }
        this.layers = Collections.unmodifiableList(layers);
        this.denseLayers = Collections.unmodifiableList(dense);
        this.parameters = Collections.unmodifiableList(params);
        this.loss = new SoftmaxCrossEntropy(architecture.classes());
    }

    /** Bytes a network of this shape holds: every parameter and its gradient, as floats. */
    public static long memoryNeeded(Architecture architecture) {
        return 2L * Float.BYTES * architecture.parameterCount();
    }

    /** A network with freshly initialised weights; the same seed gives the same weights and dropout masks. */
    public static Network create(Architecture architecture, Initializer init, long seed) {
        Network net = new Network(architecture, seed);
        SplittableRandom random = new SplittableRandom(seed);
        for (Dense d : net.denseLayers) {  // W [out, in] drawn in the same order whatever the layer stores
            float[] W = d.storesTransposed() ? new float[d.W.size()] : d.W.value;
            init.initialise(W, d.b.value, d.inputSize(), d.outputSize(), random);
            if (d.storesTransposed()) d.setWeightMatrix(W);
        }
        return net;
    }

    /** A network with all-zero weights, to be filled from a model file. */
    public static Network empty(Architecture architecture) {
        return new Network(architecture, 0L);
    }

    public static NetworkBuilder builder(int inputSize) {
        return new NetworkBuilder(inputSize);
    }

    public Architecture architecture() {
        return architecture;
    }

    public List<Layer> layers() {
        return layers;
    }

    public List<Dense> denseLayers() {
        return denseLayers;
    }

    @Override
    public List<Parameter> parameters() {
        return parameters;
    }

    public int inputSize() {
        return architecture.inputSize();
    }

    public int classes() {
        return architecture.classes();
    }

    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters) n += p.size();
        return n;
    }

    /** How many weight layers (dense layers) the network has: L in the paper's notation. */
    public int depth() {
        return denseLayers.size();
    }

    /** W[l] as [out, in] row-major, a copy (l from 0, the layer that reads the input). */
    public float[] weights(int l) {
        return denseLayers.get(l).weightMatrix().clone();
    }

    /** Sets W[l] from [out, in] row-major. */
    public void setWeights(int l, float[] W) {
        denseLayers.get(l).setWeightMatrix(W);
    }

    /** b[l], a copy. */
    public float[] bias(int l) {
        return denseLayers.get(l).b.value.clone();
    }

    /** Sets b[l]. */
    public void setBias(int l, float[] b) {
        Dense d = denseLayers.get(l);
        if (b.length != d.outputSize()) {
            throw new IllegalArgumentException("layer " + l + " has " + d.outputSize() + " biases, got " + b.length);
        }
        System.arraycopy(b, 0, d.b.value, 0, b.length);
        d.b.changed();
    }

    /** dW[l] of the last {@link #computeGradients} as [out, in] row-major, a copy. */
    public float[] weightGradient(int l) {
        Dense d = denseLayers.get(l);
        if (!d.storesTransposed()) return d.W.grad.clone();
        int in = d.inputSize(), out = d.outputSize();
        float[] g = new float[out * in];
        for (int p = 0; p < in; p++) {
            for (int j = 0; j < out; j++) g[j * in + p] = d.W.grad[p * out + j];
        }
        return g;
    }

    /** db[l] of the last {@link #computeGradients}, a copy. */
    public float[] biasGradient(int l) {
        return denseLayers.get(l).b.grad.clone();
    }

    /**
     * A[1] .. A[L-1], the hidden layers' activations g(Z[l]) for a batch X [n, in] (dropout off),
     * each a new array [n, units]: what a picture of "what the network sees" draws.
     */
    public List<float[]> hiddenActivations(float[] X, int n) {
        List<float[]> out = new ArrayList<>();
        float[] A = X;
        for (Layer layer : layers) {
            A = layer.forward(A, n, false);
            if (layer instanceof ActivationLayer) out.add(java.util.Arrays.copyOf(A, n * layer.outputSize()));
        }
        return out;
    }

    /** Z[L], the logits of a batch X [n, in]. The returned array is a workspace. */
    public float[] logits(float[] X, int n, boolean training) {
        float[] A = X;
        for (Layer layer : layers) A = layer.forward(A, n, training);
        return A;
    }

    /**
     * One forward and backward pass on the batch X [n, in] with labels y[yOffset .. yOffset+n):
     * fills every parameter's gradient and returns the summed loss. {@link #lastCorrect()} then
     * tells how many of the batch were classified right (before the update).
     */
    @Override
    public double computeGradients(float[] X, int[] y, int yOffset, int n) {
        float[] Z = logits(X, n, true);
        double lossSum = loss.forward(Z, y, yOffset, n, correct);
        float[] d = loss.backward(y, yOffset, n);
        for (int i = layers.size() - 1; i >= 0 && d != null; i--) d = layers.get(i).backward(d, n);
        return lossSum;
    }

    /**
     * Promises that the array {@code X} will be passed again, unchanged, to later calls (full-batch
     * training passes the whole training set every time): the first layer then lists the nonzero
     * inputs once instead of on every call. Results are the same either way. Pass null to withdraw
     * the promise (for example before changing X in place).
     */
    public void assumeConstantInput(float[] X) {
        denseLayers.get(0).assumeConstantInput(X);
    }

    public int lastCorrect() {
        return correct[0];
    }

    /** Probabilities for a batch X [n, in] (dropout off), as a new array [n, classes]. */
    public float[] predictProbabilities(float[] X, int n) {
        float[] Z = logits(X, n, false);
        loss.forward(Z, null, 0, n, null);
        return java.util.Arrays.copyOf(loss.probabilities(), n * classes());
    }

    /**
     * The predicted class of one example x [inputSize] (dropout off), with the class
     * probabilities written to {@code probabilitiesOut} [classes] unless it is null. Made for
     * low latency: no allocation, a wide layer split between the cores, and only the weights that
     * meet nonzero inputs are read (it keeps a transposed copy of the weights, made again after an
     * optimiser step; code that writes weights itself calls {@link Parameter#changed()}). Not for
     * concurrent use.
     */
    public int predictOne(float[] x, float[] probabilitiesOut) {
        if (single == null) single = new SingleInput(denseLayers, architecture.activations());
        return single.predict(x, probabilitiesOut);
    }

    /** Summed loss and number correct over a labelled batch, without touching gradients. */
    public double evaluateBatch(float[] X, int[] y, int yOffset, int n, int[] predictedOut, int predictedOffset) {
        float[] Z = logits(X, n, false);
        double lossSum = loss.forward(Z, y, yOffset, n, correct);
        if (predictedOut != null) {
            int C = classes();
            for (int i = 0; i < n; i++) {
                int best = 0;
                for (int c = 1; c < C; c++) if (Z[i * C + c] > Z[i * C + best]) best = c;
                predictedOut[predictedOffset + i] = best;
            }
        }
        return lossSum;
    }

    /** The predicted class of every example of a dataset. */
    public int[] predict(Dataset data) {
        int[] predicted = new int[data.size];
        Forward.inChunks(this, data, (X, offset, n) -> evaluateBatch(X, null, 0, n, predicted, offset));
        return predicted;
    }

    /** Makes every dropout layer reuse its last mask (the gradient check needs a fixed function). */
    @Override
    public void freezeDropoutMasks(boolean frozen) {
        for (Layer layer : layers) if (layer instanceof Dropout d) d.freezeMask(frozen);
    }

    @Override
    public long kinkPattern() {
        long hash = 1;
        for (Layer layer : layers) {
            if (layer instanceof ActivationLayer a && a.activation() == Activation.RELU) hash = 31 * hash + a.activePattern();
        }
        return hash;
    }

    /** e.g. "Network 784-256-128-10 relu,relu,softmax dropout 0.2,0.2 (235,146 parameters)", for jshell and debuggers. */
    @Override
    public String toString() {
        return "Network " + architecture() + " (" + org.scratchnet.Count.of(parameterCount(), "parameter") + ")";
    }

    /** A multi-line summary: one line per layer with its parameter count. */
    public String summary() {
        StringBuilder s = new StringBuilder();
        for (Layer layer : layers) {
            long count = 0;
            for (Parameter p : layer.parameters()) count += p.size();
            s.append(String.format("  %-22s %,10d parameters%n", layer.describe(), count));
        }
        s.append(String.format("  %-22s%n  %-22s %,10d parameters%n", "softmax", "total", parameterCount()));
        return s.toString();
    }
}
