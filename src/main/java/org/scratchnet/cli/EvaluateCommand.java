package org.scratchnet.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scratchnet.data.Dataset;
import org.scratchnet.eval.Evaluation;
import org.scratchnet.io.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code scratchnet evaluate}: accuracy, confusion matrix, per-class precision/recall/F1. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a saved model on MNIST's test set (--data), or on a labelled Kaggle CSV (--csv): "
                + "the rows held out as its test set when the model was trained on that file, or every row with --all.")
final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--model", paramLabel = "FILE", required = true, description = "A model saved by 'scratchnet train' (or a PyTorch state dict with --layers/--activation).")
    Path model;

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
}
