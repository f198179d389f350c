package dev.neurona.training;

import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.Preprocessing;
import dev.neurona.model.Metrics;
import dev.neurona.model.Metrics.ClassScores;
import dev.neurona.model.TestPredictions;
import dev.neurona.spec.OutputHead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Test-split metrics computed from the network's outputs (logits for the cross-entropy heads). */
public final class TestMetrics {

    private TestMetrics() {}

    public static Metrics of(TrainingLoop.Evaluation evaluation, float[] y, OutputHead head, Preprocessing encoding) {
        if (encoding.task() == Task.CLASSIFICATION) {
            return classification(evaluation, classes(y), head, encoding.classes());
        }
        int n = y.length;
        double mean = 0;
        double[] truth = new double[n];
        double[] predicted = new double[n];
        for (int r = 0; r < n; r++) {
            truth[r] = encoding.decodeTarget(y[r]);
            predicted[r] = encoding.decodeTarget(evaluation.outputs()[r]);
            mean += truth[r] / n;
        }
        double se = 0;
        double ae = 0;
        double total = 0;
        for (int r = 0; r < n; r++) {
            se += (truth[r] - predicted[r]) * (truth[r] - predicted[r]);
            ae += Math.abs(truth[r] - predicted[r]);
            total += (truth[r] - mean) * (truth[r] - mean);
        }
        Double r2 = total > 0 ? 1 - se / total : null;
        return Metrics.regression(n, evaluation.loss(), se / n, ae / n, r2);
    }

    static Metrics classification(
            TrainingLoop.Evaluation evaluation, int[] truth, OutputHead head, List<String> classes) {
        int n = truth.length;
        int k = classes.size();
        int[] predicted = head.classes(evaluation.outputs(), evaluation.outputWidth());
        int correct = 0;
        for (int r = 0; r < n; r++) {
            correct += predicted[r] == truth[r] ? 1 : 0;
        }
        int[][] confusion = ClassificationReport.confusion(truth, predicted, k);
        List<List<Integer>> matrix = new ArrayList<>(k);
        for (int[] row : confusion) {
            matrix.add(Arrays.stream(row).boxed().toList());
        }
        List<ClassScores> perClass = ClassificationReport.perClass(confusion, classes);
        // top-k ranks the raw outputs: the same order as the probabilities, without ties where softmax underflows
        boolean scoresPerClass = !head.binary() && evaluation.outputWidth() == k;
        Double top3 = scoresPerClass ? ClassificationReport.topK(evaluation.outputs(), k, truth, 3) : null;
        Double top5 = scoresPerClass ? ClassificationReport.topK(evaluation.outputs(), k, truth, 5) : null;
        Double auc = null;
        if (k == 2) {
            boolean[] positive = new boolean[n];
            for (int r = 0; r < n; r++) {
                positive[r] = truth[r] == 1;
            }
            auc = ClassificationReport.rocAuc(
                    positive, head.positiveScores(evaluation.outputs(), evaluation.outputWidth()));
        }
        return Metrics.classification(
                n,
                evaluation.loss(),
                (double) correct / n,
                top3,
                top5,
                auc,
                perClass,
                ClassificationReport.macro(perClass),
                ClassificationReport.weighted(perClass),
                matrix);
    }

    /** Per test row: where it sits in the dataset, its true and predicted class, every class's probability. */
    public static TestPredictions predictions(
            TrainingLoop.Evaluation evaluation, float[] y, int[] datasetRows, OutputHead head, int classes) {
        return new TestPredictions(
                datasetRows.clone(),
                classes(y),
                head.classes(evaluation.outputs(), evaluation.outputWidth()),
                classes,
                probabilities(evaluation, head, classes));
    }

    /**
     * Rows × classes, as {@link OutputHead#probabilities} gives them. A margin head (hinge, perceptron) has a score,
     * not a probability: its row is 1 for the predicted class and 0 for the other.
     */
    static float[] probabilities(TrainingLoop.Evaluation evaluation, OutputHead head, int classes) {
        float[] p = head.probabilities(evaluation.outputs(), evaluation.outputWidth());
        if (p != null) {
            return p;
        }
        int[] predicted = head.classes(evaluation.outputs(), evaluation.outputWidth());
        p = new float[predicted.length * classes];
        for (int r = 0; r < predicted.length; r++) {
            p[r * classes + predicted[r]] = 1f;
        }
        return p;
    }

    private static int[] classes(float[] y) {
        int[] truth = new int[y.length];
        for (int r = 0; r < y.length; r++) {
            truth[r] = (int) y[r];
        }
        return truth;
    }
}
