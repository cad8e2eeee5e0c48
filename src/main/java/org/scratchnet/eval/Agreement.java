package org.scratchnet.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a committee's members agree on a labelled set, from their predictions and the committee's:
 * where averaging had something to mend. The examples fall in three groups,
 * <pre>
 *   allRight   every member classifies it correctly (the committee does too: each member's largest
 *              probability is the true class's, so their mean's is)
 *   split      at least one member is right and one wrong: the examples a committee is for
 *   allWrong   every member gets it wrong (the committee is right only if the members' wrong
 *              answers differ and the true class's mean probability beats each of theirs)
 * </pre>
 * each with the number of them the committee gets wrong; and {@code shared[k][l]}, the examples
 * members k and l both get wrong ({@code shared[k][k]}: member k's errors).
 */
public record Agreement(Group allRight, Group split, Group allWrong, int[][] shared) {

    /** A group's size and how many of its examples the committee gets wrong. */
    public record Group(int examples, int committeeWrong) {
        Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("examples", examples);
            json.put("committee_wrong", committeeWrong);
            return json;
        }
    }

    /**
     * The agreement of members whose predictions are {@code memberPredictions} (one array per
     * member, each as long as {@code labels}) and of their committee's, {@code committee}.
     */
    public static Agreement of(int[] labels, List<int[]> memberPredictions, int[] committee) {
        int K = memberPredictions.size();
        if (K == 0) throw new IllegalArgumentException("no members");
        for (int[] p : memberPredictions) {
            if (p.length != labels.length) throw new IllegalArgumentException("a member has " + p.length + " predictions for "
                    + labels.length + " labels");
        }
        if (committee.length != labels.length) throw new IllegalArgumentException("the committee has " + committee.length
                + " predictions for " + labels.length + " labels");
        int[] size = new int[3];            // by group: all right, split, all wrong
        int[] committeeWrong = new int[3];
        int[][] shared = new int[K][K];
        boolean[] wrong = new boolean[K];
        for (int i = 0; i < labels.length; i++) {
            int wrongCount = 0;
            for (int k = 0; k < K; k++) {
                wrong[k] = memberPredictions.get(k)[i] != labels[i];
                if (wrong[k]) wrongCount++;
            }
            int group = wrongCount == 0 ? 0 : wrongCount < K ? 1 : 2;
            size[group]++;
            if (committee[i] != labels[i]) committeeWrong[group]++;
            for (int k = 0; k < K; k++) {
                if (!wrong[k]) continue;
                for (int l = 0; l < K; l++) if (wrong[l]) shared[k][l]++;
            }
        }
        return new Agreement(new Group(size[0], committeeWrong[0]), new Group(size[1], committeeWrong[1]),
                new Group(size[2], committeeWrong[2]), shared);
    }

    public int members() {
        return shared.length;
    }

    /** The examples member {@code k} gets wrong. */
    public int errors(int k) {
        return shared[k][k];
    }

    /**
     * The share of member k's errors that member l makes too, averaged over every ordered pair of
     * different members: 1 when they all err on the same examples, 0 when no two share an error.
     * NaN for one member, or when no member errs.
     */
    public double meanSharedErrors() {
        int K = shared.length;
        double sum = 0;
        int pairs = 0;
        for (int k = 0; k < K; k++) {
            if (shared[k][k] == 0) continue;
            for (int l = 0; l < K; l++) {
                if (l == k) continue;
                sum += (double) shared[k][l] / shared[k][k];
                pairs++;
            }
        }
        return pairs == 0 ? Double.NaN : sum / pairs;
    }

    /** As JSON: each group's size and committee errors, the errors in common and their mean share (null when undefined). */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("all_right", allRight.toJson());
        json.put("split", split.toJson());
        json.put("all_wrong", allWrong.toJson());
        json.put("errors_in_common", shared);
        json.put("mean_shared_errors", meanSharedErrors());  // NaN for one member or none wrong: null in strict JSON
        return json;
    }
}
