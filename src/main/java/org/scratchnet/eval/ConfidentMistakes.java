package org.scratchnet.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.scratchnet.data.Dataset;
import org.scratchnet.nn.Forward;
import org.scratchnet.nn.Network;

/**
 * The wrongly classified examples a network was surest about, surest first: the digits worth
 * looking at to see what it gets wrong (often a mislabelled or ambiguous digit, sometimes a
 * blind spot). Shared by the reproduction report and the model card of {@code serve}.
 */
public final class ConfidentMistakes {

    /** Example {@code index} of the dataset, of class {@code actual}, classified {@code predicted} with this probability. */
    public record Mistake(int index, int actual, int predicted, float confidence) {
        /** "true 4, pred 9" over "(99.7%)", the caption under the digit in a gallery. */
        public String caption() {
            return String.format(Locale.ROOT, "true %d, pred %d\n(%.1f%%)", actual, predicted, 100 * confidence);
        }
    }

    private ConfidentMistakes() {}

    /**
     * The at most {@code limit} misclassified examples of {@code data} with the highest probability
     * on their (wrong) predicted class; {@code predicted} holds the network's class for every example.
     */
    public static List<Mistake> of(Network net, Dataset data, int[] predicted, int limit) {
        return of(Committee.of(List.of(net)), data, predicted, limit);
    }

    /** The same for a committee, sure as the mean of its members' probabilities says ({@link Committee}). */
    public static List<Mistake> of(Committee committee, Dataset data, int[] predicted, int limit) {
        int C = committee.classes();
        float[] confidence = new float[data.size];
        Forward.inChunks(committee.members().get(0), data, (X, offset, n) -> {
            float[] p = committee.predictProbabilities(X, n);
            for (int i = 0; i < n; i++) confidence[offset + i] = p[i * C + predicted[offset + i]];
        });
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < data.size; i++) if (predicted[i] != data.labels[i]) wrong.add(i);
        wrong.sort(Comparator.comparingDouble((Integer i) -> confidence[i]).reversed());
        List<Mistake> out = new ArrayList<>();
        for (int i : wrong.subList(0, Math.min(limit, wrong.size()))) {
            out.add(new Mistake(i, data.labels[i], predicted[i], confidence[i]));
        }
        return out;
    }

    /** The pixels of example {@code index} of {@code data}, a copy. */
    public static float[] pixels(Dataset data, int index) {
        float[] x = new float[data.features];
        System.arraycopy(data.x, index * data.features, x, 0, data.features);
        return x;
    }
}
