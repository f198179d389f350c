package dev.neurona.spec;

/**
 * How the network's raw output becomes a prediction. For cross-entropy losses the final softmax/sigmoid is fused
 * into the loss during training (log-softmax of logits is numerically stable, as Keras does) and applied here at
 * prediction time; otherwise the output is used as it is.
 */
public enum OutputHead {
    SOFTMAX, SIGMOID, IDENTITY;

    static OutputHead forLoss(String loss) {
        return switch (loss) {
            case "categorical_crossentropy" -> SOFTMAX;
            case "binary_crossentropy" -> SIGMOID;
            default -> IDENTITY;
        };
    }
}
