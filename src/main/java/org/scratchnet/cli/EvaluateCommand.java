package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scratchnet.data.Dataset;
import org.scratchnet.eval.Agreement;
import org.scratchnet.eval.Committee;
import org.scratchnet.eval.Evaluation;
import org.scratchnet.io.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code scratchnet evaluate}: accuracy, confusion matrix, per-class precision/recall/F1. With
 * several {@code --model}s, each member's accuracy and loss and then their committee's
 * ({@link org.scratchnet.eval.Committee}: the mean of their probabilities) with its full report.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a saved model on MNIST's test set (--data), or on a labelled Kaggle CSV (--csv): "
                + "the rows held out as its test set when the model was trained on that file, or every row with --all.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", required = true,
            description = "A model saved by 'scratchnet train' (or a PyTorch state dict with --layers/--activation)."
                    + " Repeat it for a committee: the models answer together with the mean of their probabilities.")
    List<Path> models;

    @Mixin
    DataOptions data;

    @Mixin
    StateDictOptions stateDict;

    @Option(names = "--all", description = "With --csv: evaluate every row of the file (for a file the model never saw).")
    boolean all;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of the human report.")
    boolean json;

    @Override
    public Integer call() {
        if (models.size() > 1) return committee();
        Path model = models.get(0);
        ModelFile.Loaded loaded = stateDict.load(model);
        DataOptions.EvaluationSet evaluated = data.evaluationSet(loaded.metadata(), model.toString(), all);
        Dataset test = evaluated.data();
        long start = System.nanoTime();
        Evaluation evaluation = Evaluation.of(loaded.network(), test);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (json) {
            // The training-set accuracy measured when the model was trained, from its provenance.
            String trainAccuracy = loaded.metadata().get("train_accuracy");
            Map<String, Object> result = EvaluationJson.of(evaluation,
                    trainAccuracy == null ? null : Double.valueOf(trainAccuracy));
            result.put("seconds", seconds);
            result.put("model", model.toString());
            result.put("examples", test.size);
            result.put("evaluated", evaluated.description());
            Json.print(result);
        } else {
            System.out.printf(Locale.ROOT, "Model %s (%s, %s)%n", model, loaded.network().architecture().sizesText(),
                    loaded.network().architecture().activationsText());
            System.out.printf(Locale.ROOT, "Evaluated on %s (%.2f s)%n%n", evaluated.description(), seconds);
            System.out.printf(Locale.ROOT, "Accuracy %.2f%%   loss %.4f%n%n", 100 * evaluation.accuracy(), evaluation.loss());
            System.out.print(evaluation.report().format());
        }
        return 0;
    }

    /**
     * A committee of the models: each member's accuracy and loss, then the committee's with its
     * full report. The data to evaluate on is found as for one model (from the first member's
     * metadata for a CSV's held-out rows, which every member must share).
     */
    private int committee() {
        List<CommitteeModels.Member> members = CommitteeModels.load(models, stateDict);
        if (data.csv != null && !all) CommitteeModels.requireSameCsvSplit(members);
        CommitteeModels.Member first = members.get(0);
        DataOptions.EvaluationSet evaluated = data.evaluationSet(first.metadata(), first.file().toString(), all);
        Dataset test = evaluated.data();
        long start = System.nanoTime();
        Committee.Evaluations evaluations = CommitteeModels.committee(members).evaluateEach(test);
        Evaluation evaluation = evaluations.committee();
        List<Evaluation> each = evaluations.members();
        double seconds = (System.nanoTime() - start) / 1e9;
        Agreement agreement = Agreement.of(test.labels, each.stream().map(Evaluation::predicted).toList(), evaluation.predicted());
        if (json) {
            Map<String, Object> result = EvaluationJson.of(evaluation, null);
            List<Map<String, Object>> listed = new ArrayList<>();
            for (int k = 0; k < members.size(); k++) {
                Map<String, Object> member = new LinkedHashMap<>();
                member.put("model", members.get(k).file().toString());
                member.put("layers", members.get(k).network().architecture().sizesText());
                member.put("activations", members.get(k).network().architecture().activationsText());
                member.put("test_accuracy", each.get(k).accuracy());
                member.put("test_loss", each.get(k).loss());
                listed.add(member);
            }
            result.put("committee", Committee.COMBINATION);
            result.put("members", listed);
            result.put("agreement", agreement.toJson());
            result.put("seconds", seconds);
            result.put("examples", test.size);
            result.put("evaluated", evaluated.description());
            Json.print(result);
        } else {
            System.out.printf(Locale.ROOT, "Committee of %d models: %s%n", members.size(), Committee.COMBINATION);
            System.out.printf(Locale.ROOT, "Evaluated on %s (%.2f s)%n%n", evaluated.description(), seconds);
            // Both text columns as wide as their longest entry, so long file names and deep networks stay aligned.
            List<String> networks = new ArrayList<>();
            for (CommitteeModels.Member m : members) {
                networks.add(m.network().architecture().sizesText() + " " + m.network().architecture().activationsText());
            }
            String combined = "mean of the " + members.size() + " members";
            int fileWidth = "committee".length();
            int networkWidth = combined.length();
            for (int k = 0; k < members.size(); k++) {
                fileWidth = Math.max(fileWidth, members.get(k).file().toString().length());
                networkWidth = Math.max(networkWidth, networks.get(k).length());
            }
            String row = "  %-" + fileWidth + "s  %-" + networkWidth + "s %9s %8s%n";
            System.out.printf(Locale.ROOT, row, "model", "network", "accuracy", "loss");
            for (int k = 0; k < members.size(); k++) {
                System.out.printf(Locale.ROOT, row, members.get(k).file(), networks.get(k), percent(each.get(k).accuracy()),
                        loss(each.get(k).loss()));
            }
            System.out.printf(Locale.ROOT, row, "committee", combined, percent(evaluation.accuracy()), loss(evaluation.loss()));
            System.out.println();
            System.out.print(agreementText(agreement));
            System.out.printf(Locale.ROOT, "%nCommittee: accuracy %.2f%%   loss %.4f%n%n", 100 * evaluation.accuracy(), evaluation.loss());
            System.out.print(evaluation.report().format());
        }
        return 0;
    }

    /**
     * Where the members agree, image by image, and which errors they share: the groups of
     * {@link Agreement} with the committee's errors in each, then the members' errors in common.
     */
    static String agreementText(Agreement a) {
        StringBuilder out = new StringBuilder("How the members agree, example by example:\n");
        String row = "  %-20s %,7d   the committee wrong on %,d%n";
        out.append(String.format(Locale.ROOT, row, "every member right", a.allRight().examples(), a.allRight().committeeWrong()));
        out.append(String.format(Locale.ROOT, row, "the members split", a.split().examples(), a.split().committeeWrong()));
        out.append(String.format(Locale.ROOT, row, "every member wrong", a.allWrong().examples(), a.allWrong().committeeWrong()));
        double shared = a.meanSharedErrors();
        if (!Double.isNaN(shared)) {
            out.append(String.format(Locale.ROOT, "%nErrors in common: on average %.0f%% of a member's errors are another"
                    + " member's too.%nRow k, column l: the examples members k and l (numbered as listed above) both get"
                    + " wrong; the diagonal, each member's errors.%n", 100 * shared));
            int K = a.members();
            int width = Math.max(3, Integer.toString(a.errors(0)).length());
            for (int k = 1; k < K; k++) width = Math.max(width, Integer.toString(a.errors(k)).length());
            String cell = " %" + width + "s";
            out.append(String.format(Locale.ROOT, "  %4s", ""));
            for (int l = 0; l < K; l++) out.append(String.format(Locale.ROOT, cell, l + 1));
            out.append('\n');
            for (int k = 0; k < K; k++) {
                out.append(String.format(Locale.ROOT, "  %4s", k + 1));
                for (int l = 0; l < K; l++) out.append(String.format(Locale.ROOT, cell, a.shared()[k][l]));
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    private static String loss(double loss) {
        return String.format(Locale.ROOT, "%.4f", loss);
    }
}
