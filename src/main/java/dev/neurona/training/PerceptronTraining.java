package dev.neurona.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import dev.neurona.model.Finding;
import dev.neurona.spec.LayerSpec;
import dev.neurona.spec.ModelSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Rosenblatt's perceptron: for each training row in a shuffled order, ŷ = step(w·x + b) (or sign), and on a mistake
 * w ← w + η(y − ŷ)x, b ← b + η(y − ŷ). An epoch without a mistake means the rule has converged (the perceptron
 * convergence theorem guarantees it for linearly separable classes); otherwise it runs out of epochs, as on XOR.
 * The rule has no gradient, so it runs on the JVM with the rows' values and writes the result into the DJL
 * parameters, which prediction then uses like any other model.
 */
public final class PerceptronTraining {

    /** The outcome: per-epoch records, and whether (and when) an epoch had no misclassified training row. */
    public record Result(List<EpochRecord> history, boolean converged, int epochs, int lastErrors) {

        public Finding finding(int trainingRows) {
            return new Finding(
                    converged ? "converged" : "not_converged",
                    "Rosenblatt's rule " + summary(trainingRows),
                    epochs,
                    (double) lastErrors);
        }

        public String summary(int trainingRows) {
            return converged
                    ? "converged: epoch " + epochs + " classified all " + trainingRows + " training rows correctly"
                    : "did not converge in " + epochs + " epochs: " + lastErrors + " of " + trainingRows
                            + " training rows were still misclassified in the last epoch — the classes are not linearly "
                            + "separable by this perceptron (XOR is the classic example), or it needs more epochs";
        }
    }

    private PerceptronTraining() {}

    public static Result fit(
            Trainer trainer,
            ModelSpec spec,
            TrainingLoop.Data train,
            TrainingLoop.Data validation,
            TrainingListener listener) {
        boolean sign = spec.layers().stream()
                .filter(l -> l instanceof LayerSpec.Dense)
                .map(l -> ((LayerSpec.Dense) l).activation())
                .anyMatch("sign"::equals);
        float eta = spec.optimizer().learningRate().floatValue();
        Parameter weightParameter = trainer.getModel().getBlock().getParameters().stream()
                .filter(p -> p.getValue().getType() == Parameter.Type.WEIGHT)
                .findFirst()
                .orElseThrow()
                .getValue();
        Parameter biasParameter = trainer.getModel().getBlock().getParameters().stream()
                .filter(p -> p.getValue().getType() == Parameter.Type.BIAS)
                .findFirst()
                .orElseThrow()
                .getValue();
        float[] w = weightParameter.getArray().toFloatArray();
        float[] b = biasParameter.getArray().toFloatArray();
        float[] x = rows(trainer, train);
        int width = w.length;
        Random random = new Random(spec.seed() ^ 0x5DEECE66DL);
        int[] order = IntStream.range(0, train.rows()).toArray();
        List<EpochRecord> history = new ArrayList<>();
        int errors = -1;
        int epoch = 0;
        while (epoch < spec.epochs() && errors != 0) {
            epoch++;
            long start = System.nanoTime();
            Splits.shuffle(order, random);
            errors = 0;
            for (int i = 0; i < order.length; i++) {
                if (listener.cancelled()) {
                    throw new TrainingCancelled();
                }
                int row = order[i];
                float target = sign ? train.y()[row] * 2 - 1 : train.y()[row];
                float predicted = output(x, row * width, w, b[0], sign);
                if (predicted != target) {
                    errors++;
                    float step = eta * (target - predicted);
                    for (int j = 0; j < width; j++) {
                        w[j] += step * x[row * width + j];
                    }
                    b[0] += step;
                }
            }
            listener.batch(epoch, 1, 1);
            double seconds = (System.nanoTime() - start) / 1e9;
            Double valErrorRate =
                    validation.rows() == 0 ? null : errorRate(rows(trainer, validation), validation, w, b[0], sign);
            double trainErrorRate = (double) errors / train.rows();
            EpochRecord record = new EpochRecord(
                    epoch,
                    trainErrorRate,
                    null,
                    1 - trainErrorRate,
                    null,
                    valErrorRate,
                    valErrorRate == null ? null : 1 - valErrorRate,
                    null,
                    Math.round(seconds * 1000),
                    train.rows() / Math.max(seconds, 1e-9),
                    (double) eta);
            history.add(record);
            listener.epoch(record, history);
        }
        weightParameter.getArray().set(w);
        biasParameter.getArray().set(b);
        return new Result(history, errors == 0, epoch, errors);
    }

    /** Heaviside: 1 for a score ≥ 0, else 0; sign: +1 / −1 (a score of exactly 0 counts as +1, like step). */
    private static float output(float[] x, int offset, float[] w, float bias, boolean sign) {
        double score = bias;
        for (int j = 0; j < w.length; j++) {
            score += w[j] * x[offset + j];
        }
        return score >= 0 ? 1f : sign ? -1f : 0f;
    }

    private static double errorRate(float[] x, TrainingLoop.Data data, float[] w, float bias, boolean sign) {
        int errors = 0;
        for (int row = 0; row < data.rows(); row++) {
            float target = sign ? data.y()[row] * 2 - 1 : data.y()[row];
            errors += output(x, row * w.length, w, bias, sign) != target ? 1 : 0;
        }
        return (double) errors / data.rows();
    }

    /** Every row's inputs as one flat array, in row order (no augmentation). */
    private static float[] rows(Trainer trainer, TrainingLoop.Data data) {
        int[] all = IntStream.range(0, data.rows()).toArray();
        try (NDManager sub = trainer.getManager().newSubManager()) {
            NDArray inputs = data.inputs(sub, all, 0, all.length, false);
            return inputs.toFloatArray();
        }
    }
}
