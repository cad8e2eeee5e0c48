package org.scratchnet.schedule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reduce on plateau (as Keras's ReduceLROnPlateau and PyTorch's ReduceLROnPlateau): at the end of
 * each epoch, watch the validation loss; after {@code patience} epochs in a row without a new
 * lowest loss, multiply the rate by {@code factor} and start counting again.
 * <pre>
 *   α(t) = α · factor^k                    k = reductions so far
 *   at the end of each epoch, with loss L:
 *     L &lt; best:  best = L, bad = 0
 *     else:      bad = bad + 1;  if bad = patience: k = k + 1, bad = 0
 * </pre>
 * "A new lowest loss" is strictly lower than every earlier epoch's (NaN never is). Patience 2
 * reduces at the end of the second epoch without improvement, not before (Keras's rule; PyTorch's
 * waits one epoch more). State: best_loss (+∞ before the first epoch), bad_epochs, reductions.
 */
final class Plateau implements Schedule {
    private final float alpha;
    private final int patience;
    private final float factor;
    private double best = Double.POSITIVE_INFINITY;
    private int bad;
    private int reductions;

    Plateau(float alpha, int patience, float factor) {
        this.alpha = alpha;
        this.patience = patience;
        this.factor = factor;
    }

    @Override
    public float rate(int step) {
        return (float) (alpha * Math.pow(factor, reductions));
    }

    @Override
    public boolean watchesValidation() {
        return true;
    }

    @Override
    public void epochEnded(double validationLoss) {
        if (validationLoss < best) {
            best = validationLoss;
            bad = 0;
        } else if (++bad == patience) {
            reductions++;
            bad = 0;
        }
    }

    @Override
    public Map<String, Double> state() {
        Map<String, Double> s = new LinkedHashMap<>();
        s.put("best_loss", best);
        s.put("bad_epochs", (double) bad);
        s.put("reductions", (double) reductions);
        return s;
    }

    @Override
    public void restore(Map<String, Double> saved) {
        if (!saved.keySet().equals(state().keySet())) {
            throw new IllegalArgumentException("a plateau schedule's state is " + state().keySet() + ", but was given " + saved.keySet());
        }
        double badEpochs = saved.get("bad_epochs");
        double reduced = saved.get("reductions");
        if (!(badEpochs >= 0 && badEpochs < patience && badEpochs == Math.rint(badEpochs))
                || !(reduced >= 0 && reduced <= Integer.MAX_VALUE && reduced == Math.rint(reduced))) {
            throw new IllegalArgumentException("a plateau schedule's state must count whole epochs (fewer than the patience) and"
                    + " reductions, got " + saved);
        }
        double b = saved.get("best_loss");
        best = Double.isNaN(b) ? Double.POSITIVE_INFINITY : b;  // +∞ before the first epoch, which strict JSON writes as null
        bad = (int) badEpochs;
        reductions = (int) reduced;
    }
}
