package org.scratchnet.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.scratchnet.eval.Evaluation;

/**
 * The fields {@code train} and {@code evaluate} share in their {@code --json} output, built in one
 * place so the two commands agree: test_accuracy, train_accuracy, test_loss, confusion_matrix
 * (rows = actual), per_class, and the macro and weighted averages.
 */
final class EvaluationJson {
    private EvaluationJson() {}

    static Map<String, Object> of(Evaluation evaluation, Double trainAccuracy) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("test_accuracy", evaluation.accuracy());
        result.put("train_accuracy", trainAccuracy);
        result.put("test_loss", evaluation.loss());
        Map<String, Object> report = evaluation.report().toJson();
        report.remove("accuracy");  // already above, under its unambiguous name
        result.putAll(report);
        return result;
    }
}
