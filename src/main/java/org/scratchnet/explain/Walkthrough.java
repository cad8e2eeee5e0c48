package org.scratchnet.explain;

import static org.scratchnet.explain.Telling.largest;
import static org.scratchnet.explain.Telling.num;
import static org.scratchnet.explain.Telling.percent;
import static org.scratchnet.explain.Telling.row;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.scratchnet.check.GradientCheck;
import org.scratchnet.nn.Activation;

/**
 * The walk through one step, in the paper's order: the batch and the weights, the forward pass
 * (1)-(4), the loss (5), the backward pass (6)-(12), the update (13)-(14) and the gradient check.
 * For the paper's two layers the numbers are its own; other depths repeat a hidden layer's
 * equations with "for layer l". Each frame says what it computes, its shape, a few telling
 * values and, in one sentence, what it means; the two places where the paper's text and the
 * right math differ (the softmax-derivative step and the initialisation formulas) say so at
 * their line. The sentences' facts ("47% are zero") are computed from the step, never assumed.
 */
final class Walkthrough {
    /** Entries of a row printed before "…". */
    private static final int ROW = 10;

    private final Explanation e;
    private final Step step;
    private final int m;
    private final int L;
    private final List<Frame> frames = new ArrayList<>();

    private Walkthrough(Explanation e) {
        this.e = e;
        this.step = e.step();
        this.m = step.m();
        this.L = step.depth();
    }

    static List<Frame> of(Explanation e) {
        Walkthrough w = new Walkthrough(e);
        w.given();
        for (int l = 1; l <= L(w); l++) w.forward(l);
        w.loss();
        w.outputGradient();
        for (int l = L(w) - 1; l >= 1; l--) w.hiddenGradient(l);
        for (int l = 1; l <= L(w); l++) w.update(l);
        w.after();
        w.check();
        return List.copyOf(w.frames);
    }

    private static int L(Walkthrough w) {
        return w.L;
    }

    /** "(k)", or "(k) for layer l" where l is not the layer the paper's equation k is about. */
    private String eq(int k, int l) {
        int paperLayer = k == 3 || k == 4 || (k >= 6 && k <= 8) ? 2 : 1;
        return "(" + k + ")" + (l == paperLayer && L == 2 ? "" : " for layer " + l);
    }

    private void add(String section, String number, String formula, String paperForm, Frame.Matrix matrix, List<String> values,
                     String meaning, String note) {
        frames.add(new Frame(section, number, formula, paperForm, matrix, List.copyOf(values), meaning, note));
    }

    private Frame.Matrix examples(int l, String key, int cols, String colsAre) {
        return new Frame.Matrix(l, key, m, cols, "examples", colsAre);
    }

    private String units(int l) {
        return l == 0 ? "pixels" : "units of layer " + l;
    }

    private String example(int i) {
        return "example " + (i + 1) + " (a " + step.batch().labels()[i] + ")";
    }

    // ---- the batch and the weights ---------------------------------------------------------

    private void given() {
        FirstBatch b = step.batch();
        StringBuilder labels = new StringBuilder();
        for (int y : b.labels()) labels.append(labels.length() == 0 ? "" : " ").append(y);
        StringBuilder indices = new StringBuilder();
        for (int i = 0; i < Math.min(b.m(), 8); i++) indices.append(i == 0 ? "#" : ", #").append(b.indices()[i]);
        add("Input", "", step.inputDropped() ? "X" : "A[0] = X", "X: " + b.features() + " x m, one image per column",
                examples(0, "X", b.features(), "pixels"),
                List.of("labels y: " + labels + "   (examples " + indices + (b.m() > 8 ? ", …" : "") + " of the data)",
                        "pixels from 0 to 1 (byte / 255); " + percent(Telling.fractionZero(b.X())) + " of them are exactly 0, the background"),
                "The batch: " + m + " images of 28x28 pixels, each flattened into a row of " + b.features()
                        + " numbers, and their labels; Y is the labels one-hot, a row of zeros with a 1 at the true class.", "");
        if (step.inputDropped()) inputDropout(b);
        for (int l = 1; l <= L; l++) {
            Step.LayerStep s = step.layer(l);
            String bias = Telling.fractionZero(s.b()) == 1 ? "b[" + l + "] = 0" : "b[" + l + "] in " + Telling.range(s.b());
            add("Input", "", "W[" + l + "], b[" + l + "]", "",
                    new Frame.Matrix(l, "W", s.out(), s.in(), units(l), l == 1 ? "pixels" : units(l - 1)),
                    List.of("W[" + l + "]: mean " + num(Telling.mean(s.W())) + ", std " + num(Telling.std(s.W())) + ", range "
                            + Telling.range(s.W()) + "; " + bias),
                    "The weights before the step (" + e.origin().weights() + "): row j holds unit j's weight on each of its "
                            + s.in() + " inputs" + (l == 1 ? ", which makes it a 28x28 picture" : "") + ".",
                    l == 1 ? InitNote.of(e.origin().init(), s.in(), s.out()) : "");
        }
    }

    /** A[0] = X ⊙ M[0]: the pixels the first layer reads in this step, with its facts computed from the masks. */
    private void inputDropout(FirstBatch b) {
        float rate = step.architecture().inputDropout();
        float[] mask = step.inputMask();
        int f = b.features();
        int ink = 0, inkDropped = 0, firstInk = 0, firstKept = 0;
        for (int e = 0; e < mask.length; e++) {
            if (b.X()[e] != 0f) {
                ink++;
                if (mask[e] == 0f) inkDropped++;
                if (e < f) firstInk++;
                if (e < f && mask[e] != 0f) firstKept++;
            }
        }
        add("Input", "", "A[0] = X ⊙ M[0]", "", examples(0, "A", f, "pixels"),
                List.of("input dropout kept " + percent(1 - Telling.fractionZero(mask)) + " of the pixels, each times "
                                + num(1 / (1 - rate)) + "; it dropped " + inkDropped + " of the batch's " + ink + " nonzero ones",
                        example(0) + ": " + firstKept + " of its " + firstInk + " nonzero pixels kept"),
                invertedDropout("Input dropout", 0, "pixel", rate) + " The first layer reads A[0], these partly erased images, not X.",
                "Not in the paper: Srivastava et al. (2014) drop MNIST's pixels with probability 0.2. A pixel that is 0 stays 0"
                        + " whatever its mask; nothing is learnt from the pixels, so the backward pass stops at layer 1.");
    }

    // ---- forward ---------------------------------------------------------------------------

    private void forward(int l) {
        Step.LayerStep s = step.layer(l);
        boolean out = s.isOutput();
        add("Forward", eq(out ? 3 : 1, l), "Z[" + l + "] = A[" + (l - 1) + "]·W[" + l + "]ᵀ + b[" + l + "]",
                "Z[" + l + "] = W[" + l + "]·A[" + (l - 1) + "] + b[" + l + "], " + s.out() + " x m",
                examples(l, "Z", s.out(), out ? "classes" : units(l)),
                List.of(example(0) + ": " + row(s.Z(), 0, s.out(), ROW), "range " + Telling.range(s.Z())),
                out ? "The output layer's " + s.out() + " scores (logits) per example, one per class: each class's weighted sum"
                        + " of the " + s.in() + " activations below, plus its bias."
                        : "Each of the " + s.out() + " units sums its inputs, weighted by its row of W[" + l + "], and adds its"
                        + " bias: one number per example and unit.", "");
        if (out) {
            softmax(s);
            return;
        }
        Activation g = s.activation();
        boolean dropout = s.mask() != null;
        List<String> values = new ArrayList<>();
        values.add(example(0) + ": " + row(s.A(), 0, s.out(), ROW));
        values.add(activationFacts(g, s));
        if (dropout) values.add("dropout kept " + percent(1 - Telling.fractionZero(s.mask())) + " of the entries, each times "
                + num(1 / (1 - s.dropout())));
        add("Forward", eq(2, l), "A[" + l + "] = " + g.id() + "(Z[" + l + "])" + (dropout ? " ⊙ M[" + l + "]" : ""), "",
                examples(l, "A", s.out(), units(l)), values, meaning(g),
                dropout ? invertedDropout("Dropout", l, "entry", s.dropout()) + " The backward pass uses the same mask." : "");
    }

    /** "Dropout (rate 0.2): the mask M[1] keeps each entry with probability 0.8 and scales it by 1/0.8 (inverted dropout), ...". */
    private static String invertedDropout(String what, int l, String entries, float rate) {
        return what + " (rate " + num(rate) + "): the mask M[" + l + "] keeps each " + entries + " with probability " + num(1 - rate)
                + " and scales it by 1/" + num(1 - rate) + " (inverted dropout), so nothing changes at evaluation, when it is off.";
    }

    private static String activationFacts(Activation g, Step.LayerStep s) {
        float[] Z = s.Z();
        int zero = 0, saturated = 0;
        for (float z : Z) {
            float a = g.apply(z);
            if (a == 0f) zero++;
            if (g == Activation.SIGMOID && (a < 0.01f || a > 0.99f) || g == Activation.TANH && Math.abs(a) > 0.99f) saturated++;
        }
        if (g == Activation.RELU) {
            int dead = 0;
            int m = Z.length / s.out();
            for (int j = 0; j < s.out(); j++) {
                boolean any = false;
                for (int i = 0; i < m; i++) any |= Z[i * s.out() + j] > 0f;
                if (!any) dead++;
            }
            return "relu zeroes " + percent((double) zero / Z.length) + " of the entries (Z ≤ 0); " + dead + " of " + s.out()
                    + " units are 0 for every example of the batch";
        }
        return "saturated (g' below 0.02, where learning stalls): " + percent((double) saturated / Z.length) + " of the entries";
    }

    private static String meaning(Activation g) {
        return switch (g) {
            case RELU -> "ReLU lets positive sums through and zeroes the rest: a unit speaks only when its pattern is present.";
            case SIGMOID -> "The sigmoid squashes each sum into (0, 1); far from 0 it flattens, and so does its gradient.";
            case TANH -> "tanh squashes each sum into (-1, 1), centred on 0; far from 0 it flattens, and so does its gradient.";
        };
    }

    private void softmax(Step.LayerStep s) {
        int C = s.out();
        StringBuilder truth = new StringBuilder();
        StringBuilder predicted = new StringBuilder();
        int right = 0;
        for (int i = 0; i < m; i++) {
            int y = step.batch().labels()[i];
            truth.append(i == 0 ? "" : " ").append(num(s.A()[i * C + y]));
            int best = 0;
            for (int c = 1; c < C; c++) if (s.A()[i * C + c] > s.A()[i * C + best]) best = c;
            predicted.append(i == 0 ? "" : " ").append(best);
            if (best == y) right++;
        }
        add("Forward", eq(4, s.index()), "A[" + s.index() + "] = softmax(Z[" + s.index() + "]),  A_ic = e^Z_ic / Σ_k e^Z_ik", "",
                examples(s.index(), "A", C, "classes"),
                List.of("the true class's column, A_i,y_i: " + truth + "   (a uniform guess gives " + num(1.0 / C) + ")",
                        "predicted (largest in each row): " + predicted + "   (" + right + " of " + m + " right)"),
                "Each row is a probability distribution over the " + C + " classes; the column of the true class is what the"
                        + " loss reads.", "");
    }

    // ---- loss ------------------------------------------------------------------------------

    private void loss() {
        Step.LayerStep out = step.layer(L);
        int C = out.out();
        int worst = 0;
        double worstP = 1;
        StringBuilder each = new StringBuilder();
        for (int i = 0; i < m; i++) {
            double p = out.A()[i * C + step.batch().labels()[i]];
            each.append(i == 0 ? "" : " ").append(num(-Math.log(p)));
            if (p < worstP) {
                worstP = p;
                worst = i;
            }
        }
        add("Loss", "(5)", "L = -(1/m) Σ_i log A[" + L + "]_i,y_i  = -(1/m) Σ Y ⊙ log A[" + L + "]", "", null,
                List.of(String.format(Locale.ROOT, "L = %s   (a uniform guess, ln %d, gives %s)", num(step.loss()), C, num(Math.log(C))),
                        "per example, -log A_i,y_i: " + each,
                        "the largest: " + example(worst) + ", whose true class got " + num(worstP)),
                "The cross-entropy: the batch's average surprise at the true classes; it is 0 only when every true class gets"
                        + " probability 1.", "");
    }

    // ---- backward --------------------------------------------------------------------------

    private void outputGradient() {
        Step.LayerStep s = step.layer(L);
        int C = s.out();
        int at = largest(s.dZ());
        add("Backward", eq(6, L), "dZ[" + L + "] = A[" + L + "] - Y", "dZ[" + L + "] = A[" + L + "] - Y, " + C + " x m",
                examples(L, "dZ", C, "classes"),
                List.of(example(0) + ": " + row(s.dZ(), 0, C, ROW),
                        "largest |dZ[" + L + "]|: " + num(s.dZ()[at]) + " at " + example(at / C) + ", class " + at % C),
                "How the loss changes with each logit: the probability minus 1 at the true class, the probability elsewhere;"
                        + " the step will push the true class up and the others down.",
                "Where the paper's text differs: its softmax-derivative step. Softmax's derivative is not element-wise like g':"
                        + " ∂A_c/∂Z_k = A_c(δ_ck - A_k) (the Jacobian diag(A) - A·Aᵀ of each example); chained with the"
                        + " cross-entropy's -Y_c/A_c it collapses to exactly A - Y, which is what is computed, with no g'"
                        + " factor. And the 1/m: the network computes (A - Y)/m here (nn/SoftmaxCrossEntropy) and carries it"
                        + " down; the paper, and this walk, put it in (7), (8), (11) and (12): the dZ and dA shown are m = " + m
                        + " times the network's arrays, dW and db are its very numbers.");
        weightGradient(L, 7);
        biasGradient(L, 8);
    }

    private void hiddenGradient(int l) {
        Step.LayerStep s = step.layer(l);
        Step.LayerStep above = step.layer(l + 1);
        int at = largest(s.dA());
        add("Backward", eq(9, l), "dA[" + l + "] = dZ[" + (l + 1) + "]·W[" + (l + 1) + "]",
                "dA[" + l + "] = W[" + (l + 1) + "]ᵀ·dZ[" + (l + 1) + "], " + s.out() + " x m",
                examples(l, "dA", s.out(), units(l)),
                List.of(example(0) + ": " + row(s.dA(), 0, s.out(), ROW),
                        "largest |dA[" + l + "]|: " + num(s.dA()[at]) + " at " + example(at / s.out()) + ", unit " + at % s.out()),
                "The error sent back: how the loss changes with each unit's activation, each unit collecting the errors of the "
                        + above.out() + " units above it through the weights it feeds.", "");
        Activation g = s.activation();
        boolean dropout = s.mask() != null;
        String slope = switch (g) {
            case RELU -> {
                int stopped = 0;
                for (float z : s.Z()) if (z <= 0f) stopped++;
                yield "relu' is 1 where Z > 0 and 0 elsewhere: it stops the error at " + percent((double) stopped / s.Z().length)
                        + " of the entries";
            }
            case SIGMOID -> "sigmoid' = A(1 - A) is at most 0.25: ‖dZ‖ / ‖dA‖ = " + num(Telling.norm(s.dZ()) / Telling.norm(s.dA()));
            case TANH -> "tanh' = 1 - A² is at most 1: ‖dZ‖ / ‖dA‖ = " + num(Telling.norm(s.dZ()) / Telling.norm(s.dA()));
        };
        add("Backward", eq(10, l), "dZ[" + l + "] = dA[" + l + "] ⊙ " + (dropout ? "M[" + l + "] ⊙ " : "") + g.id() + "'(Z[" + l + "])", "",
                examples(l, "dZ", s.out(), units(l)),
                List.of(example(0) + ": " + row(s.dZ(), 0, s.out(), ROW), slope),
                "Through the activation's slope: each unit's error is scaled by how much its output moved with its input.",
                dropout ? "The dropout mask M[" + l + "] of the forward pass: a unit dropped there gets no error." : "");
        weightGradient(l, 11);
        biasGradient(l, 12);
    }

    private void weightGradient(int l, int k) {
        Step.LayerStep s = step.layer(l);
        int at = largest(s.dW());
        int unit = at / s.in(), input = at % s.in();
        String from = l == 1 ? "pixel " + input + (s.in() == 784 ? " (row " + input / 28 + ", column " + input % 28 + ")" : "")
                : "unit " + input + " of layer " + (l - 1);
        List<String> values = new ArrayList<>();
        values.add("largest |dW[" + l + "]|: " + num(s.dW()[at]) + ", unit " + unit + "'s weight from " + from);
        values.add("‖dW[" + l + "]‖ = " + num(Telling.norm(s.dW())));
        if (l == 1) values.add("exactly 0: " + percent(Telling.fractionZero(s.dW())) + " (a pixel that is 0"
                + (step.inputDropped() ? " or dropped" : "") + " in all " + m + " images gives its weights no gradient)");
        add("Backward", eq(k, l), "dW[" + l + "] = (1/m) dZ[" + l + "]ᵀ·A[" + (l - 1) + "]",
                "dW[" + l + "] = (1/m) dZ[" + l + "]·A[" + (l - 1) + "]ᵀ: the same " + s.out() + " x " + s.in() + " matrix",
                new Frame.Matrix(l, "dW", s.out(), s.in(), units(l), l == 1 ? "pixels" : units(l - 1)), values,
                "Each weight's share of the blame: its unit's error times the input it multiplied, averaged over the batch.", "");
    }

    private void biasGradient(int l, int k) {
        Step.LayerStep s = step.layer(l);
        int at = largest(s.db());
        add("Backward", eq(k, l), "db[" + l + "] = (1/m) Σ_i dZ[" + l + "]_i", "",
                new Frame.Matrix(l, "db", 1, s.out(), "", units(l)),
                List.of(s.out() <= ROW ? "db[" + l + "]: " + row(s.db(), 0, s.out(), ROW)
                        : "largest |db[" + l + "]|: " + num(s.db()[at]) + " at unit " + at),
                "Each unit's error averaged over the batch: a bias's input is always 1.", "");
    }

    // ---- update ----------------------------------------------------------------------------

    private void update(int l) {
        Step.LayerStep s = step.layer(l);
        float alpha = step.alpha();
        int at = 0;
        for (int i = 1; i < s.W().length; i++) {
            if (Math.abs(s.WUpdated()[i] - s.W()[i]) > Math.abs(s.WUpdated()[at] - s.W()[at])) at = i;
        }
        double ratio = alpha * Telling.norm(s.dW()) / Telling.norm(s.W());
        add("Update", "(13)", "W[" + l + "] := W[" + l + "] - α dW[" + l + "]", "",
                new Frame.Matrix(l, "W_updated", s.out(), s.in(), units(l), l == 1 ? "pixels" : units(l - 1)),
                List.of("α = " + num(alpha) + "; ‖α dW[" + l + "]‖ / ‖W[" + l + "]‖ = " + num(ratio)
                                + " (the update-to-weight ratio; about 1e-3 is the usual rule of thumb)",
                        "the largest change: W[" + l + "] at unit " + at / s.in() + ", input " + at % s.in() + ": " + num(s.W()[at])
                                + " → " + num(s.WUpdated()[at])),
                "A step against the gradient, downhill on this batch's loss, α times the gradient long.", "");
        add("Update", "(14)", "b[" + l + "] := b[" + l + "] - α db[" + l + "]", "",
                new Frame.Matrix(l, "b_updated", 1, s.out(), "", units(l)),
                List.of("b[" + l + "] after: " + row(s.bUpdated(), 0, s.out(), ROW)),
                "The biases take the same step along their own gradient.", "");
    }

    private void after() {
        boolean dropout = step.anyDropout();
        add("Update", "", "L after the step", "", null,
                List.of("the loss on this batch: " + num(step.lossBefore()) + " before the step, " + num(step.lossAfter()) + " after"
                        + (dropout ? " (both with dropout off, as at evaluation; the step's own, with dropout, was "
                        + num(step.loss()) + ")" : "")),
                step.lossAfter() < step.lossBefore()
                        ? "One step on one batch went downhill; training repeats it over many batches, each a little different."
                        : "This step did not lower the loss on its batch: α is too large for where the weights are (try a smaller --lr).",
                "");
    }

    // ---- check -----------------------------------------------------------------------------

    private void check() {
        SelfCheck c = e.check();
        List<String> values = new ArrayList<>();
        for (GradientCheck.Result r : c.results()) {
            values.add(String.format(Locale.ROOT, "%-6s worst relative error %.2e over %d entries%s", tensor(r.parameter()),
                    r.worstRelativeError(), r.checked(), r.skippedAtKink() > 0 ? " (" + r.skippedAtKink() + " skipped at a ReLU kink)" : ""));
        }
        values.add(String.format(Locale.ROOT, "worst %.2e, threshold %.0e: %s", c.worst(), c.threshold(),
                c.passed() ? "the gradients above are right" : "GRADIENT CHECK FAILED at " + tensor(c.worstTensor().parameter())));
        add("Check", "", "dL/dθ ≈ (L(θ + h) - L(θ - h)) / 2h,  h = " + num(GradientCheck.DEFAULT_STEP), "", null, values,
                "The analytic gradients of this very step (same weights, batch and dropout masks) against finite differences"
                        + " of the loss, for sampled entries of every W and b: backpropagation checked on the spot.", "");
    }

    /** "layers.0.weight" -> "W[1]". */
    static String tensor(String parameter) {
        String[] p = parameter.split("\\.");
        int l = Integer.parseInt(p[1]) + 1;
        return (p[2].equals("weight") ? "W[" : "b[") + l + "]";
    }
}
