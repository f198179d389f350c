package dev.neurona.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.Trainer;
import dev.neurona.model.Metrics;
import dev.neurona.spec.ModelSpec;
import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * An autoencoder's test metrics: the per-row scores (the row's loss), their spread, the anomaly threshold taken from
 * the training rows, and the MSE of the simplest reconstruction there is, the training split's mean input.
 */
final class ReconstructionReport {

    /** The quantile of the training rows' scores above which a row is an anomaly. */
    static final double THRESHOLD_QUANTILE = 0.99;

    private ReconstructionReport() {}

    static Metrics metrics(
            ModelSpec spec,
            Trainer trainer,
            TrainingLoop loop,
            TrainingLoop.Evaluation test,
            TrainingLoop.Data train,
            TrainingLoop.Data testData) {
        TrainingLoop.Evaluation onTrain = loop.evaluate(trainer, train, false);
        float[] mean = meanInput(trainer, train);
        double baseline = baselineMse(trainer, testData, mean);
        float[] scores = test.rowScores().clone();
        Arrays.sort(scores);
        float[] trainScores = onTrain.rowScores().clone();
        Arrays.sort(trainScores);
        double threshold = quantile(trainScores, THRESHOLD_QUANTILE);
        int anomalies = 0;
        double scoreSum = 0;
        double mse = 0;
        for (int r = 0; r < scores.length; r++) {
            anomalies += scores[r] > threshold ? 1 : 0;
            scoreSum += scores[r];
            mse += test.rowSquaredErrors()[r];
        }
        int n = scores.length;
        Metrics.Reconstruction r = new Metrics.Reconstruction(
                spec.loss(),
                scoreSum / n,
                quantile(scores, 0.5),
                quantile(scores, 0.95),
                scores[n - 1],
                threshold,
                anomalies,
                baseline);
        // every row has as many values, so the mean of the rows' MSEs is the MSE over every value
        return Metrics.reconstruction(n, test.loss(), mse / n, test.meanAbsoluteError(), r);
    }

    /** numpy's default quantile: linear between the two nearest ranks of the sorted values. */
    static double quantile(float[] sorted, double q) {
        double at = q * (sorted.length - 1);
        int below = (int) Math.floor(at);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (at - below) * (sorted[above] - sorted[below]);
    }

    /** The mean of every input value over the training rows, as the network sees them (unaugmented). */
    static float[] meanInput(Trainer trainer, TrainingLoop.Data train) {
        double[] sum = null;
        int[] order = IntStream.range(0, train.rows()).toArray();
        for (int from = 0; from < train.rows(); from += 256) {
            int to = Math.min(train.rows(), from + 256);
            try (NDManager sub = trainer.getManager().newSubManager()) {
                NDArray x = train.inputs(sub, order, from, to, false);
                float[] batch = x.reshape(to - from, -1).sum(new int[] {0}).toFloatArray();
                if (sum == null) {
                    sum = new double[batch.length];
                }
                for (int i = 0; i < batch.length; i++) {
                    sum[i] += batch[i];
                }
            }
        }
        float[] mean = new float[sum.length];
        for (int i = 0; i < mean.length; i++) {
            mean[i] = (float) (sum[i] / train.rows());
        }
        return mean;
    }

    private static double baselineMse(Trainer trainer, TrainingLoop.Data test, float[] mean) {
        int[] order = IntStream.range(0, test.rows()).toArray();
        double squared = 0;
        for (int from = 0; from < test.rows(); from += 256) {
            int to = Math.min(test.rows(), from + 256);
            try (NDManager sub = trainer.getManager().newSubManager()) {
                NDArray x = test.inputs(sub, order, from, to, false).reshape(to - from, -1);
                squared += x.sub(sub.create(mean)).square().sum().getFloat();
            }
        }
        return squared / ((double) test.rows() * mean.length);
    }
}
