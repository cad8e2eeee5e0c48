package org.scratchnet.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scratchnet.check.GradientCheck;

/**
 * Every number of an explained step, for {@code explain --json} and the server's page, so that
 * anyone can recompute the step (src/test/python/explain_step.py does, with numpy):
 *
 * <pre>
 *   {"learning_rate": α, "batch": {"X": [[m x in]], "labels": [m]}, "loss": L,
 *    "layers": [{"index": 1, "activation": "relu", "W": [[out x in]], "b": [out], "Z": [[m x out]], "A": [[m x out]],
 *                "dZ": [[m x out]], "dW": [[out x in]], "db": [out], "W_updated": [[out x in]], "b_updated": [out]}, ...],
 *    "gradient_check": {"passed": true, "worst_relative_error": e, "threshold": 0.05, "tensors": [...]}}
 * </pre>
 * Rows are examples. With input dropout the batch also has its "dropout_mask" [[m x in]] (0 or
 * 1/(1 - rate)) and "A" [[m x in]], A[0] = X ⊙ mask, what the first layer read.
 * A is what the next layer reads (after dropout); a layer with dropout also has
 * its "dropout_mask" [[m x out]] (0 or 1/(1 - rate)), so that A = g(Z) ⊙ mask, and a hidden layer
 * its "dA" [[m x out]], the paper's dA[l] = dZ[l+1]·W[l+1] (equation 9). dZ, dW and db are
 * as the paper writes them: dZ[L] = A[L] - Y without the 1/m, dW and db carrying it. Numbers are
 * float32 values written in their shortest exact form.
 */
public final class StepJson {
    private StepJson() {}

    public static Map<String, Object> of(Explanation e) {
        Step step = e.step();
        int m = step.m();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("learning_rate", step.alpha());
        Map<String, Object> batch = new LinkedHashMap<>();
        batch.put("X", rows(step.batch().X(), m, step.batch().features()));
        batch.put("labels", step.batch().labels());
        if (step.inputDropped()) {
            batch.put("dropout_mask", rows(step.inputMask(), m, step.batch().features()));
            batch.put("A", rows(step.A0(), m, step.batch().features()));
        }
        json.put("batch", batch);
        json.put("loss", step.loss());
        List<Map<String, Object>> layers = new ArrayList<>();
        for (Step.LayerStep s : step.layers()) {
            Map<String, Object> layer = new LinkedHashMap<>();
            layer.put("index", s.index());
            layer.put("activation", s.activationName());
            layer.put("W", rows(s.W(), s.out(), s.in()));
            layer.put("b", s.b());
            layer.put("Z", rows(s.Z(), m, s.out()));
            if (s.mask() != null) layer.put("dropout_mask", rows(s.mask(), m, s.out()));
            layer.put("A", rows(s.A(), m, s.out()));
            if (s.dA() != null) layer.put("dA", rows(s.dA(), m, s.out()));
            layer.put("dZ", rows(s.dZ(), m, s.out()));
            layer.put("dW", rows(s.dW(), s.out(), s.in()));
            layer.put("db", s.db());
            layer.put("W_updated", rows(s.WUpdated(), s.out(), s.in()));
            layer.put("b_updated", s.bUpdated());
            layers.add(layer);
        }
        json.put("layers", layers);
        json.put("gradient_check", check(e.check()));
        return json;
    }

    private static Map<String, Object> check(SelfCheck c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("passed", c.passed());
        json.put("worst_relative_error", c.worst());
        json.put("threshold", c.threshold());
        List<Map<String, Object>> tensors = new ArrayList<>();
        for (GradientCheck.Result r : c.results()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", r.parameter());
            t.put("worst_relative_error", r.worstRelativeError());
            t.put("checked", r.checked());
            t.put("skipped_at_kink", r.skippedAtKink());
            tensors.add(t);
        }
        json.put("tensors", tensors);
        return json;
    }

    /** A row-major matrix as its rows. */
    static float[][] rows(float[] a, int rows, int cols) {
        float[][] r = new float[rows][cols];
        for (int i = 0; i < rows; i++) System.arraycopy(a, i * cols, r[i], 0, cols);
        return r;
    }
}
