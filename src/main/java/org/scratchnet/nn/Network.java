package org.scratchnet.nn;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.scratchnet.MemoryLimit;
import org.scratchnet.SplitMix;
import org.scratchnet.data.Dataset;
import org.scratchnet.engine.FastEngine;

/**
 * A multilayer perceptron: optional dropout on the input pixels, dense layers with activations
 * and optional dropout, then a softmax output trained with cross-entropy. The paper's equations,
 * generalised to L layers (with input dropout, A[0] = X ⊙ M in training: {@link InputDropout}):
 *
 * <pre>
 *   forward:   Z[l] = A[l-1] · W[l]ᵀ + b[l],   A[l] = g[l](Z[l]),   A[0] = X,   A[L] = softmax(Z[L])
 *   backward:  dZ[L] = (A[L] - Y) / m
 *              dW[l] = dZ[l]ᵀ · A[l-1],   db[l] = Σ dZ[l],   dA[l-1] = dZ[l] · W[l]
 *              dZ[l-1] = dA[l-1] ⊙ g'[l-1](Z[l-1])
 * </pre>
 * Each step of those lines lives in one {@link Layer}; this class only chains them. The layers
 * come from an {@link Engine}: the fast one by default, or {@link Engine#reference()}, whose
 * layers ({@link Dense}, {@link ActivationLayer}, {@link Dropout}, {@link SoftmaxCrossEntropy})
 * are the equations as plain loops. Build one with {@link #builder(int)} or
 * {@link #create(Architecture, Initializer, long)}.
 */
public final class Network implements Differentiable {
    private final Architecture architecture;
    private final Engine engine;
    private final List<Layer> layers;
    private final List<Linear> linearLayers;
    private final List<BatchNorm> batchNorms;  // one per dense layer, or none
    private final List<Parameter> parameters;
    private final Loss loss;
    private final int[] correct = new int[1];
    private int lastRows;  // n of the last forward pass

    private Network(Architecture architecture, Engine engine, long seed) {
        // The one place every network is made (new, from a model file, from an experiment):
        // the weights and their gradients are checked against the heap before they exist.
        MemoryLimit.require(memoryNeeded(architecture), "the network " + architecture.sizesText() + " ("
                + String.format(java.util.Locale.ROOT, "%,d", architecture.parameterCount()) + " parameters)",
                "use smaller layers");
        this.architecture = architecture;
        this.engine = engine;
        int[] sizes = architecture.sizes();
        List<Layer> layers = new ArrayList<>();
        List<Linear> linear = new ArrayList<>();
        List<Parameter> params = new ArrayList<>();
        List<BatchNorm> norms = new ArrayList<>();
        SplitMix dropoutSeeds = new SplitMix(seed ^ 0x5DEECE66DL);
        // A stream of its own, so that turning noise on leaves the dropout masks as they were.
        SplitMix noiseSeeds = new SplitMix(seed ^ NOISE_STREAM);
        float noise = architecture.noise();
        if (noise > 0f) layers.add(engine.noise(noise, sizes[0], noiseSeeds.nextLong()));
        if (architecture.inputDropout() > 0f) {
            // A seed of its own, so that turning input dropout on leaves the hidden layers' masks as they were.
            long inputSeed = new SplitMix(seed ^ INPUT_DROPOUT_STREAM).nextLong();
            layers.add(engine.inputDropout(architecture.inputDropout(), sizes[0], inputSeed));
        }
        for (int l = 0; l + 1 < sizes.length; l++) {
            Linear d = engine.dense(l, sizes[l], sizes[l + 1]);
            layers.add(d);
            linear.add(d);
            params.addAll(d.parameters());
            if (architecture.batchNorm()) {
                BatchNorm norm = engine.batchNorm(l, sizes[l + 1], noise, noiseSeeds.nextLong());
                layers.add(norm);
                norms.add(norm);
            } else if (noise > 0f) {
                layers.add(engine.noise(noise, sizes[l + 1], noiseSeeds.nextLong()));
            }
            boolean hidden = l + 2 < sizes.length;
            if (hidden) {
                layers.add(engine.activation(architecture.activations()[l], sizes[l + 1]));
                float rate = architecture.dropout()[l];
                if (rate > 0f) layers.add(engine.dropout(rate, sizes[l + 1], dropoutSeeds.nextLong()));
            }
        }
        this.layers = Collections.unmodifiableList(layers);
        engine.connect(this.layers);
        this.linearLayers = Collections.unmodifiableList(linear);
        this.batchNorms = Collections.unmodifiableList(norms);
        // γ and β after every W and b: W1, b1, ..., WL, bL stays the list's start, as max-norm expects.
        for (BatchNorm norm : norms) params.addAll(norm.parameters());
        this.parameters = Collections.unmodifiableList(params);
        this.loss = engine.softmaxCrossEntropy(architecture.classes());
    }

    /** Keeps the input dropout's masks apart from the other users of the seed (weights, hidden dropout). */
    private static final long INPUT_DROPOUT_STREAM = 0x1D50_7A5EL;
    /** Keeps the Gaussian noise's draws apart from the other users of the seed. */
    private static final long NOISE_STREAM = 0x6A55_1A4EL;

    /** Bytes a network of this shape holds: every parameter and its gradient, as floats. */
    public static long memoryNeeded(Architecture architecture) {
        return 2L * Float.BYTES * architecture.parameterCount();
    }

    /**
     * A network with freshly initialised weights on the fast engine (all cores); the same seed
     * gives the same weights and dropout masks.
     */
    public static Network create(Architecture architecture, Initializer init, long seed) {
        return create(architecture, init, seed, FastEngine.shared());
    }

    /**
     * A network with freshly initialised weights on {@code engine}: the same seed gives the same
     * weights and dropout masks on every engine. W[l] [out, in] is drawn layer after layer.
     */
    public static Network create(Architecture architecture, Initializer init, long seed, Engine engine) {
        Network net = new Network(architecture, engine, seed);
        SplitMix random = new SplitMix(seed);
        for (Linear d : net.linearLayers) {
            float[] W = new float[d.inputSize() * d.outputSize()];
            init.initialise(W, d.bias().value, d.inputSize(), d.outputSize(), random);
            d.setWeights(W);
        }
        return net;
    }

    /** A network with all-zero weights on the fast engine, to be filled from a model file. */
    public static Network empty(Architecture architecture) {
        return empty(architecture, FastEngine.shared());
    }

    /** A network with all-zero weights on {@code engine}. */
    public static Network empty(Architecture architecture, Engine engine) {
        return new Network(architecture, engine, 0L);
    }

    /** A network of the same architecture and weights on another engine (its own workspaces and gradients). */
    public Network copyOn(Engine other) {
        Network copy = empty(architecture, other);
        for (int l = 0; l < depth(); l++) {
            copy.setWeights(l, weights(l));
            copy.setBias(l, bias(l));
        }
        for (int k = 0; k < batchNorms.size(); k++) copy.batchNorms.get(k).copyFrom(batchNorms.get(k));
        return copy;
    }

    /**
     * The plain network that computes what this one does at evaluation: each batch normalisation
     * folded into the dense layer before it ({@link BatchNorm#foldInto}), the noise left out
     * ({@link Architecture#forInference()}), on the same engine. This network itself when it has
     * no batch normalisation. What a model file saves.
     */
    public Network folded() {
        if (batchNorms.isEmpty()) return this;
        Network plain = empty(architecture.forInference(), engine);
        for (int l = 0; l < depth(); l++) {
            float[] W = weights(l), b = bias(l);
            batchNorms.get(l).foldInto(W, b);
            plain.setWeights(l, W);
            plain.setBias(l, b);
        }
        return plain;
    }

    /** The batch normalisation after each dense layer, in order; empty without it. */
    public List<BatchNorm> batchNorms() {
        return batchNorms;
    }

    /**
     * State a run trains but does not learn by gradients: each batch normalisation's running mean
     * and variance, in order (empty without it). A checkpoint and the best epoch's copy keep them
     * beside the parameters; the arrays are the layers' own.
     */
    public List<float[]> buffers() {
        List<float[]> buffers = new ArrayList<>();
        for (BatchNorm norm : batchNorms) {
            buffers.add(norm.runningMean());
            buffers.add(norm.runningVariance());
        }
        return buffers;
    }

    public static NetworkBuilder builder(int inputSize) {
        return new NetworkBuilder(inputSize);
    }

    /** The engine this network's layers come from. */
    public Engine engine() {
        return engine;
    }

    public Architecture architecture() {
        return architecture;
    }

    public List<Layer> layers() {
        return layers;
    }

    /** The dense layers, W[1] .. W[L] in the paper's numbering (index 0 here). */
    public List<Linear> linearLayers() {
        return linearLayers;
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
        return linearLayers.size();
    }

    /** W[l] as [out, in] row-major, a copy (l from 0, the layer that reads the input). */
    public float[] weights(int l) {
        return linearLayers.get(l).weights();
    }

    /** Sets W[l] from [out, in] row-major. */
    public void setWeights(int l, float[] W) {
        linearLayers.get(l).setWeights(W);
    }

    /** b[l], a copy. */
    public float[] bias(int l) {
        return linearLayers.get(l).bias().value.clone();
    }

    /** Sets b[l]. */
    public void setBias(int l, float[] b) {
        Linear d = linearLayers.get(l);
        if (b.length != d.outputSize()) {
            throw new IllegalArgumentException("layer " + l + " has " + d.outputSize() + " biases, got " + b.length);
        }
        System.arraycopy(b, 0, d.bias().value, 0, b.length);
    }

    /** dW[l] of the last {@link #computeGradients} as [out, in] row-major, a copy. */
    public float[] weightGradient(int l) {
        return linearLayers.get(l).weightGradient();
    }

    /** db[l] of the last {@link #computeGradients}, a copy. */
    public float[] biasGradient(int l) {
        return linearLayers.get(l).bias().grad.clone();
    }

    /**
     * A[1] .. A[L-1], the hidden layers' activations g(Z[l]) for a batch X [n, in] (dropout off),
     * each a new array [n, units]: what a picture of "what the network sees" draws.
     */
    public List<float[]> hiddenActivations(float[] X, int n) {
        List<float[]> out = new ArrayList<>();
        forwardKeepingActivations(X, n, out);
        return out;
    }

    /**
     * {@link #predictProbabilities(float[], int)} and {@link #hiddenActivations} from one forward
     * pass: adds A[1] .. A[L-1] to {@code hiddenOut} and returns the probabilities [n, classes]
     * (each a new array), the same numbers the two would give. For a server that shows both.
     */
    public float[] predictProbabilities(float[] X, int n, List<float[]> hiddenOut) {
        float[] Z = forwardKeepingActivations(X, n, hiddenOut);
        loss.forward(Z, null, 0, n, null);
        return java.util.Arrays.copyOf(loss.probabilities(), n * classes());
    }

    /** The logits of X [n, in] (dropout off), adding a copy of each hidden activation to {@code out}. */
    private float[] forwardKeepingActivations(float[] X, int n, List<float[]> out) {
        lastRows = n;
        float[] A = X;
        for (Layer layer : layers) {
            A = layer.forward(A, n, false);
            if (layer instanceof ActivationStage) out.add(java.util.Arrays.copyOf(A, n * layer.outputSize()));
        }
        return A;
    }

    /** Z[L], the logits of a batch X [n, in]. The returned array is a workspace. */
    public float[] logits(float[] X, int n, boolean training) {
        lastRows = n;
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
     * training passes the whole training set every time), which a first layer may use to do less
     * work ({@link ConstantInputAware}). Results are the same either way. Pass null to withdraw
     * the promise (for example before changing X in place).
     */
    public void assumeConstantInput(float[] X) {
        // The first dense layer, which reads X itself when nothing masks it (input dropout passes X on
        // unchanged at evaluation, and in training hands on an array of its own, which the promise does not cover).
        if (linearLayers.get(0) instanceof ConstantInputAware first) first.assumeConstantInput(X);
    }

    /** The output layer and loss; its {@link Loss#probabilities()} are A[L] of the last forward pass. */
    public Loss loss() {
        return loss;
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

    /**
     * The generators of the dropout masks and noise, one per such layer in order (the input's
     * first, if it has one): the random state a checkpoint must save for a resumed run to draw the
     * same masks and noise.
     */
    public List<SplitMix> dropoutGenerators() {
        List<SplitMix> generators = new ArrayList<>();
        for (Layer layer : layers) if (layer instanceof RandomLayer r) generators.add(r.random());
        return generators;
    }

    /** Makes every dropout and noise layer reuse its last draw (the gradient check needs a fixed function). */
    @Override
    public void freezeDropoutMasks(boolean frozen) {
        for (Layer layer : layers) if (layer instanceof RandomLayer r) r.freezeMask(frozen);
    }

    @Override
    public long kinkPattern() {
        long hash = 1;
        for (Layer layer : layers) {
            if (layer instanceof ActivationStage a && a.activation() == Activation.RELU) {
                float[] A = a.output();
                for (int i = 0, size = lastRows * a.outputSize(); i < size; i++) hash = 31 * hash + (A[i] > 0f ? 1 : 0);
            }
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
