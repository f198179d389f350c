package dev.neurona.spec;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * What the network's raw output means: the one place that turns an output row into a class and probabilities, for
 * training accuracy, test metrics and predictions alike. For cross-entropy losses the final softmax/sigmoid is fused
 * into the loss during training (log-softmax of logits is numerically stable, as Keras does) and applied here;
 * otherwise the output is used as it is.
 *
 * <p>The rules: a softmax row means the class with the largest logit (the first of equals); one sigmoid logit means
 * the second class when it is above 0, that is when its probability is above 0.5; a margin score means the second
 * class when it is 0 or more, and is no probability.
 */
public enum OutputHead {
    SOFTMAX,
    SIGMOID,
    IDENTITY,
    /** Two classes by the sign of one score (hinge, perceptron): no probabilities, score ≥ 0 is the second class. */
    MARGIN;

    public static OutputHead of(ModelSpec resolved) {
        if (resolved.perceptron()) {
            return MARGIN;
        }
        if (resolved.reconstruction()) {
            // the output is the reconstruction itself: its sigmoid stays in the network, none is fused into the loss
            return IDENTITY;
        }
        return switch (resolved.loss()) {
            case "categorical_crossentropy", "sparse_categorical_crossentropy" -> SOFTMAX;
            case "binary_crossentropy" -> SIGMOID;
            case "hinge" -> MARGIN;
            default -> IDENTITY;
        };
    }

    /** One output column deciding between two classes. */
    public boolean binary() {
        return this == SIGMOID || this == MARGIN;
    }

    /** Whether the output layer's softmax/sigmoid/step is applied outside the network (in the loss, or here). */
    boolean fusesOutputActivation() {
        return this != IDENTITY && this != MARGIN;
    }

    /** The class of each row of raw outputs ({@code rows × width}, row after row). */
    public int[] classes(float[] outputs, int width) {
        int[] out = new int[outputs.length / width];
        for (int r = 0; r < out.length; r++) {
            out[r] = classOf(outputs, r * width, width);
        }
        return out;
    }

    private int classOf(float[] outputs, int at, int width) {
        return switch (this) {
            case SIGMOID -> outputs[at] > 0 ? 1 : 0;
            case MARGIN -> outputs[at] >= 0 ? 1 : 0;
            case SOFTMAX, IDENTITY -> {
                int best = 0;
                for (int c = 1; c < width; c++) {
                    if (outputs[at + c] > outputs[at + best]) {
                        best = c;
                    }
                }
                yield best;
            }
        };
    }

    /** {@link #classes(float[], int)} on a batch of raw outputs (n, width), as (n) int64, without leaving the engine. */
    public NDArray classes(NDArray output) {
        NDArray classes =
                switch (this) {
                    case SIGMOID -> output.gt(0f);
                    case MARGIN -> output.gte(0f);
                    case SOFTMAX, IDENTITY -> output.argMax(1);
                };
        return classes.toType(DataType.INT64, false).reshape(output.getShape().get(0));
    }

    /**
     * Every class's probability per row ({@code rows × classes}): softmax of the logits, or (σ(−z), σ(z)) for one
     * sigmoid logit z. Null for a margin head, whose score is no probability, and for regression.
     */
    public float[] probabilities(float[] outputs, int width) {
        int rows = outputs.length / width;
        return switch (this) {
            case SIGMOID -> {
                float[] p = new float[rows * 2];
                for (int r = 0; r < rows; r++) {
                    double z = outputs[r * width];
                    p[2 * r] = (float) (1 / (1 + Math.exp(z)));
                    p[2 * r + 1] = (float) (1 / (1 + Math.exp(-z)));
                }
                yield p;
            }
            case SOFTMAX -> {
                float[] p = new float[rows * width];
                for (int r = 0; r < rows; r++) {
                    int at = r * width;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < width; c++) {
                        max = Math.max(max, outputs[at + c]);
                    }
                    double sum = 0;
                    for (int c = 0; c < width; c++) {
                        sum += Math.exp(outputs[at + c] - max);
                    }
                    for (int c = 0; c < width; c++) {
                        p[at + c] = (float) (Math.exp(outputs[at + c] - max) / sum);
                    }
                }
                yield p;
            }
            case MARGIN, IDENTITY -> null;
        };
    }

    /**
     * Per row of a two-class output, a score that orders rows exactly as the second class's probability does: the
     * logit or margin score of a one-column head, z₁ − z₀ for two softmax logits. ROC-AUC depends only on that order,
     * and the scores keep apart rows whose probabilities would both round to 1.0.
     */
    public double[] positiveScores(float[] outputs, int width) {
        double[] score = new double[outputs.length / width];
        for (int r = 0; r < score.length; r++) {
            int at = r * width;
            score[r] = this == SIGMOID || width == 1 ? outputs[at] : (double) outputs[at + 1] - outputs[at];
        }
        return score;
    }
}
