package org.scratchnet.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.scratchnet.eval.Committee;
import org.scratchnet.nn.Network;

/**
 * The networks of the server, loaded once and shared by every request thread: one model, or the
 * members of a committee, which answer with the mean of their probabilities ({@link Committee}).
 * A Network is not safe for concurrent use (its layers reuse workspaces between calls), so every
 * use goes through this object's lock. That costs little: one image through a network takes a
 * fraction of a millisecond, while decoding and preprocessing an upload, the larger part of a
 * request, runs outside the lock on as many threads as the server has.
 */
final class Predictor {

    /**
     * The answer for one input: the class, every class's probability (the committee's mean for
     * several members), the hidden layers' activations of the member asked for (the first unless
     * told), and each member's own class and probabilities (one entry for a single model).
     */
    record Prediction(int predicted, float[] probabilities, List<float[]> hiddenActivations, List<Answer> members) {}

    /** One member's own answer. */
    record Answer(int predicted, float[] probabilities) {}

    private final Committee committee;

    Predictor(Committee committee) {
        this.committee = committee;
    }

    int inputSize() {
        return committee.inputSize();
    }

    int classes() {
        return committee.classes();
    }

    /** How many networks answer: 1 for a single model. */
    int members() {
        return committee.size();
    }

    /**
     * The prediction for one input x [inputSize], values in [0, 1], with the hidden activations of
     * member {@code hiddenOf} (0 = the first).
     */
    synchronized Prediction predict(float[] x, int hiddenOf) {
        if (hiddenOf < 0 || hiddenOf >= members()) throw new IllegalArgumentException("no member " + hiddenOf + " of " + members());
        List<float[]> hidden = new ArrayList<>();
        List<float[]> each = new ArrayList<>();
        List<Answer> answers = new ArrayList<>();
        for (Network net : committee.members()) {
            float[] p = each.size() == hiddenOf ? net.predictProbabilities(x, 1, hidden) : net.predictProbabilities(x, 1);
            each.add(p);
            answers.add(new Answer(Committee.argmax(p, 0, p.length), p));
        }
        float[] mean = Committee.mean(each);
        return new Prediction(Committee.argmax(mean, 0, mean.length), mean, hidden, answers);
    }

    /**
     * The member a request names with {@code member=m} (1-based, as listed), 0-based; the first
     * without it: whose hidden layers {@code /api/predict} answers with, whose step {@code /api/learn}
     * explains. Anything else is a 400 in one line.
     */
    int member(String value) {
        if (value == null) return 0;
        String v = value.strip();
        if (v.matches("[0-9]{1,9}")) {
            int m = Integer.parseInt(v);
            if (m >= 1 && m <= members()) return m - 1;
        }
        String range = members() == 1 ? "only 1 (one model is served)" : "1.." + members() + " (a member of the committee, as listed)";
        throw new HttpError(400, "member takes " + range + ", got '" + org.scratchnet.OneLine.excerpt(value, 40) + "'");
    }

    /** Runs {@code work} on the committee (of one, for a single model) with the lock held: the model card, the learn page. */
    synchronized <T> T use(Function<Committee, T> work) {
        return work.apply(committee);
    }
}
