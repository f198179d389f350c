package dev.neurona.spec;

/**
 * How the network's raw output becomes a prediction. For cross-entropy losses the final softmax/sigmoid is fused
 * into the loss during training (log-softmax of logits is numerically stable, as Keras does) and applied here at
 * prediction time; otherwise the output is used as it is.
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
        return switch (resolved.loss()) {
            case "categorical_crossentropy", "sparse_categorical_crossentropy" -> SOFTMAX;
            case "binary_crossentropy" -> SIGMOID;
            case "hinge" -> MARGIN;
            default -> IDENTITY;
        };
    }

    /**
     * Class probabilities (n, K) from the network's raw output: softmax, or [1 − σ, σ] for one sigmoid logit.
     * Null for a margin head (its score is not a probability) and for regression.
     */
    public ai.djl.ndarray.NDArray classProbabilities(ai.djl.ndarray.NDArray output) {
        return switch (this) {
            case SOFTMAX -> output.softmax(1);
            case SIGMOID -> {
                ai.djl.ndarray.NDArray p = ai.djl.nn.Activation.sigmoid(output);
                yield p.neg().add(1f).concat(p, 1);
            }
            default -> null;
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
}
