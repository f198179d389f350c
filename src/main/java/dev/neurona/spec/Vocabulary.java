package dev.neurona.spec;

import java.util.List;

/** The names a spec may use. One place, so validation messages and the builder never disagree. */
final class Vocabulary {

    static final List<String> ACTIVATIONS = List.of(
            "linear",
            "relu",
            "sigmoid",
            "tanh",
            "softmax",
            "leaky_relu",
            "elu",
            "selu",
            "gelu",
            "softplus",
            "swish",
            "step",
            "sign");

    /** Heaviside and sign have no useful derivative: only Rosenblatt's rule trains them. */
    static final List<String> PERCEPTRON_ACTIVATIONS = List.of("step", "sign");

    static final List<String> ACTIVATIONS_WITH_ALPHA = List.of("leaky_relu", "elu");

    static final List<String> INITIALIZERS = List.of(
            "glorot_uniform",
            "glorot_normal",
            "he_uniform",
            "he_normal",
            "lecun_uniform",
            "lecun_normal",
            "random_uniform",
            "random_normal",
            "truncated_normal",
            "zeros",
            "ones",
            "constant");

    static final List<String> LOSSES = List.of(
            "mse",
            "mae",
            "huber",
            "binary_crossentropy",
            "categorical_crossentropy",
            "sparse_categorical_crossentropy",
            "hinge");

    static final List<String> REGRESSION_LOSSES = List.of("mse", "mae", "huber");

    private Vocabulary() {}
}
