package dev.neurona.spec;

import java.util.List;

/** The names a spec may use. One place, so validation messages and the builder never disagree. */
final class Vocabulary {

    static final List<String> ACTIVATIONS = List.of(
            "linear", "relu", "sigmoid", "tanh", "softmax", "leaky_relu", "elu", "selu", "gelu", "softplus", "swish");

    static final List<String> INITIALIZERS = List.of(
            "glorot_uniform", "glorot_normal", "he_uniform", "he_normal", "lecun_uniform", "lecun_normal",
            "random_uniform", "random_normal", "zeros", "ones");

    static final List<String> LOSSES = List.of("mse", "mae", "binary_crossentropy", "categorical_crossentropy");

    static final List<String> REGRESSION_LOSSES = List.of("mse", "mae");

    private Vocabulary() {
    }
}
