package dev.neurona.spec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * What training minimises, before L1/L2 penalties: the loss with its settings and optional class weights.
 * Weighted as Keras' {@code class_weight}: each row's loss times its class's weight, then the mean over the batch
 * (divided by the row count, not by the sum of weights).
 */
public record Objective(Loss loss, double delta, float[] classWeights) {

    public NDArray evaluate(NDArray output, NDArray labels) {
        return mean(perRow(output, labels), labels, output);
    }

    /** Each row's loss, (n); an image-shaped output (a reconstruction) counts every value of the row alike. */
    public NDArray perRow(NDArray output, NDArray labels) {
        if (output.getShape().dimension() > 2) {
            long n = output.getShape().get(0);
            output = output.reshape(n, -1);
            labels = labels.reshape(n, -1);
        }
        return loss.perRow(output, labels, delta);
    }

    private NDArray mean(NDArray rows, NDArray labels, NDArray output) {
        if (classWeights == null) {
            return rows.mean();
        }
        NDArray weights = output.getManager().create(classWeights);
        NDArray rowWeights;
        if (loss.sparseLabels()) {
            rowWeights = weights.take(labels.toType(DataType.INT64, false).reshape(-1));
        } else if (labels.getShape().get(1) == classWeights.length) {
            rowWeights = labels.matMul(weights.reshape(-1, 1)).reshape(-1);
        } else {
            // binary labels 0/1 in one column: w0 + (w1 − w0)·y
            rowWeights =
                    labels.reshape(-1).mul(classWeights[1] - classWeights[0]).add(classWeights[0]);
        }
        return rows.mul(rowWeights).mean();
    }

    public boolean sparseLabels() {
        return loss.sparseLabels();
    }
}
