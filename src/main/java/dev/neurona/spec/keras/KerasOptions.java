package dev.neurona.spec.keras;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The options each Keras layer class may have. One this import does not know is refused when it holds a value: a
 * newer Keras' option that changes what the layer computes must not be dropped without a word.
 */
final class KerasOptions {

    /** Options every layer may carry; their values change nothing Neurona builds. */
    private static final Set<String> COMMON = Set.of(
            "name", "trainable", "dtype", "batch_input_shape", "batch_shape", "batch_size", "input_dim", "autocast");

    private static final List<String> WEIGHTS = List.of(
            "use_bias",
            "kernel_initializer",
            "bias_initializer",
            "kernel_regularizer",
            "bias_regularizer",
            "activity_regularizer",
            "kernel_constraint",
            "bias_constraint",
            "lora_rank",
            "lora_alpha",
            "quantization_config");

    private static final List<String> WINDOW = List.of("pool_size", "strides", "padding", "data_format");

    /** The options each class may have; any other one with a value is refused rather than ignored. */
    private static final Map<String, List<String>> OPTIONS = Map.ofEntries(
            Map.entry("Dense", join(List.of("units", "activation"), WEIGHTS)),
            Map.entry(
                    "Conv2D",
                    join(
                            List.of(
                                    "filters",
                                    "kernel_size",
                                    "strides",
                                    "padding",
                                    "data_format",
                                    "dilation_rate",
                                    "groups",
                                    "activation"),
                            WEIGHTS)),
            Map.entry("MaxPooling2D", WINDOW),
            Map.entry("AveragePooling2D", WINDOW),
            Map.entry("MaxPooling1D", WINDOW),
            Map.entry("GlobalAveragePooling2D", List.of("data_format", "keepdims")),
            Map.entry(
                    "BatchNormalization",
                    List.of(
                            "axis",
                            "momentum",
                            "epsilon",
                            "center",
                            "scale",
                            "beta_initializer",
                            "gamma_initializer",
                            "moving_mean_initializer",
                            "moving_variance_initializer",
                            "beta_regularizer",
                            "gamma_regularizer",
                            "beta_constraint",
                            "gamma_constraint",
                            "synchronized",
                            "renorm",
                            "renorm_clipping",
                            "renorm_momentum",
                            "fused",
                            "virtual_batch_size",
                            "adjustment")),
            Map.entry("Flatten", List.of("data_format")),
            Map.entry("Reshape", List.of("target_shape")),
            Map.entry("Dropout", List.of("rate", "noise_shape", "seed")),
            Map.entry("Activation", List.of("activation")),
            Map.entry("LeakyReLU", List.of("alpha", "negative_slope")),
            Map.entry("ELU", List.of("alpha")),
            Map.entry("ReLU", List.of("max_value", "negative_slope", "threshold")),
            Map.entry("Softmax", List.of("axis")),
            Map.entry("Concatenate", List.of("axis")));

    private KerasOptions() {}

    private static List<String> join(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Options this import does not know, refused when they hold anything but null or false. */
    static void check(String className, JsonNode c, String cp, Reading r) {
        List<String> known = OPTIONS.getOrDefault(className.equals("Conv1D") ? "Conv2D" : className, List.of());
        for (Map.Entry<String, JsonNode> e : c.properties()) {
            JsonNode v = e.getValue();
            boolean empty = v.isNull() || (v.isBoolean() && !v.asBoolean());
            if (!empty && !COMMON.contains(e.getKey()) && !known.contains(e.getKey())) {
                r.refuse(cp + "." + e.getKey(), "option " + e.getKey() + " of " + className + " is unsupported");
            }
        }
    }
}
