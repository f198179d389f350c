package dev.neurona.training;

import java.util.ArrayList;
import java.util.List;

import dev.neurona.dataset.Preprocessing;
import dev.neurona.dataset.Task;
import dev.neurona.model.Metrics;
import dev.neurona.spec.OutputHead;

/** Test-split metrics computed from the network's outputs: classification or regression. */
final class TestMetrics {

    private TestMetrics() {
    }

    static Metrics of(TrainingLoop.Evaluation evaluation, float[] y, OutputHead head, Preprocessing encoding) {
        int n = y.length;
        if (encoding.task() == Task.CLASSIFICATION) {
            int k = encoding.classes().size();
            int[][] confusion = new int[k][k];
            int[] predicted = TrainingLoop.predictedClasses(evaluation, head);
            int correct = 0;
            for (int r = 0; r < n; r++) {
                confusion[(int) y[r]][predicted[r]]++;
                correct += predicted[r] == (int) y[r] ? 1 : 0;
            }
            List<List<Integer>> matrix = new ArrayList<>();
            for (int[] row : confusion) {
                matrix.add(java.util.Arrays.stream(row).boxed().toList());
            }
            return new Metrics(n, evaluation.loss(), (double) correct / n, matrix, null, null, null);
        }
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
        return new Metrics(n, evaluation.loss(), null, null, se / n, ae / n, r2);
    }
}
