package dev.neurona.spec.keras;

import dev.neurona.spec.InitializerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Keras' option values (activations, initialisers, regularisers, shapes) in Neurona's vocabulary. */
final class KerasValues {

    /** Keras activation names Neurona has; silu is Keras' other name for swish. */
    private static final Map<String, String> ACTIVATIONS = Map.ofEntries(
            Map.entry("linear", "linear"),
            Map.entry("relu", "relu"),
            Map.entry("sigmoid", "sigmoid"),
            Map.entry("tanh", "tanh"),
            Map.entry("softmax", "softmax"),
            Map.entry("elu", "elu"),
            Map.entry("selu", "selu"),
            Map.entry("gelu", "gelu"),
            Map.entry("softplus", "softplus"),
            Map.entry("swish", "swish"),
            Map.entry("silu", "swish"),
            Map.entry("leaky_relu", "leaky_relu"));

    /** Initialiser class names, lower-cased without underscores, so GlorotUniform and glorot_uniform both match. */
    private static final Map<String, String> INITIALIZERS = Map.ofEntries(
            Map.entry("glorotuniform", "glorot_uniform"),
            Map.entry("glorotnormal", "glorot_normal"),
            Map.entry("heuniform", "he_uniform"),
            Map.entry("henormal", "he_normal"),
            Map.entry("lecununiform", "lecun_uniform"),
            Map.entry("lecunnormal", "lecun_normal"),
            Map.entry("zeros", "zeros"),
            Map.entry("zero", "zeros"),
            Map.entry("ones", "ones"),
            Map.entry("one", "ones"),
            Map.entry("constant", "constant"),
            Map.entry("randomnormal", "random_normal"),
            Map.entry("randomuniform", "random_uniform"),
            Map.entry("truncatednormal", "truncated_normal"),
            Map.entry("variancescaling", "variance_scaling"));

    private KerasValues() {}

    /** An activation option: a name, or Keras 3's {class_name: function, config: name}; null when refused. */
    static String activation(JsonNode value, String path, Reading r) {
        JsonNode name = value;
        if (value != null && value.isObject() && value.path("config").isString()) {
            name = value.get("config");
        }
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "linear";
        }
        String text = name.isString() ? name.asString().toLowerCase(Locale.ROOT) : null;
        String ours = text == null ? null : ACTIVATIONS.get(text);
        if (ours == null) {
            r.refuse(
                    path,
                    "activation " + value + " is not one Neurona knows: " + String.join(", ", ACTIVATIONS.keySet()));
        } else if (!ours.equals(text)) {
            r.note(path, text + " is Neurona's " + ours);
        }
        return ours;
    }

    /** A kernel or bias initialiser; null when it is Neurona's default for the slot (or refused). */
    static InitializerSpec initializer(JsonNode value, String fallback, String path, Reading r) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        String className =
                value.isString() ? value.asString() : value.path("class_name").asString("");
        JsonNode config = value.path("config");
        String name = INITIALIZERS.get(className.toLowerCase(Locale.ROOT).replace("_", ""));
        if (name == null) {
            r.refuse(path, "initializer " + className + " has no Neurona equivalent; known: " + INITIALIZERS.values());
            return null;
        }
        if (!config.path("seed").isMissingNode() && !config.path("seed").isNull()) {
            r.note(path + ".config.seed", "seed ignored: the spec's seed seeds every initializer");
        }
        if (name.equals("variance_scaling")) {
            name = varianceScaling(config, path, r);
            if (name == null) {
                return null;
            }
            r.note(path, "VarianceScaling" + config + " is " + name);
        }
        InitializerSpec spec =
                switch (name) {
                    case "constant" -> new InitializerSpec(name, number(config, "value", 0), null, null, null, null);
                    case "random_normal", "truncated_normal" ->
                        new InitializerSpec(
                                name, null, number(config, "mean", 0), number(config, "stddev", 0.05), null, null);
                    case "random_uniform" ->
                        new InitializerSpec(
                                name,
                                null,
                                null,
                                null,
                                number(config, "minval", -0.05),
                                number(config, "maxval", 0.05));
                    default -> InitializerSpec.named(name);
                };
        return spec.equals(InitializerSpec.named(fallback)) ? null : spec;
    }

    /** The named initialiser a VarianceScaling configuration is, or null (refused) when it is none of them. */
    private static String varianceScaling(JsonNode config, String path, Reading r) {
        double scale = config.path("scale").asDouble(1.0);
        String mode = config.path("mode").asString("fan_in");
        String distribution = config.path("distribution").asString("truncated_normal");
        String family = scale == 1.0 && mode.equals("fan_avg")
                ? "glorot"
                : scale == 2.0 && mode.equals("fan_in") ? "he" : scale == 1.0 && mode.equals("fan_in") ? "lecun" : null;
        String kind = distribution.equals("uniform")
                ? "uniform"
                // Keras 2.2's "normal" was already truncated, as Neurona's *_normal are
                : distribution.equals("normal") || distribution.equals("truncated_normal") ? "normal" : null;
        if (family == null || kind == null) {
            r.refuse(
                    path + ".config",
                    "VarianceScaling with scale " + scale + ", mode " + mode + ", distribution " + distribution
                            + " is not glorot, he or lecun (uniform or truncated normal)");
            return null;
        }
        return family + "_" + kind;
    }

    /** L1, L2 or L1L2 on the kernel → l1, l2; {l1, l2} with nulls when there is none (or it was refused). */
    static Double[] regularizer(JsonNode value, String path, Reading r) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return new Double[2];
        }
        String type =
                value.path("class_name").asString("").toLowerCase(Locale.ROOT).replace("_", "");
        JsonNode config = value.path("config");
        Double l1 = null;
        Double l2 = null;
        switch (type) {
            case "l1" -> l1 = number(config, "l1", 0.01);
            case "l2" -> l2 = number(config, "l2", 0.01);
            case "l1l2" -> {
                l1 = number(config, "l1", 0.0);
                l2 = number(config, "l2", 0.0);
            }
            default -> {
                r.refuse(path, "regularizer " + value.path("class_name") + " unsupported: Neurona has L1, L2 and L1L2");
                return new Double[2];
            }
        }
        l1 = l1 != null && l1 == 0 ? null : l1;
        l2 = l2 != null && l2 == 0 ? null : l2;
        r.note(
                path,
                "translated to "
                        + (l1 == null && l2 == null
                                ? "no penalty"
                                : (l1 != null ? "l1 = " + l1 : "")
                                        + (l1 != null && l2 != null ? ", " : "")
                                        + (l2 != null ? "l2 = " + l2 : "")));
        return new Double[] {l1, l2};
    }

    /**
     * A number as Keras meant it: to_json writes float32 values widened (0.0010000000474974513), which is read back
     * as the decimal the user typed (0.001).
     */
    static Double number(JsonNode config, String field, double fallback) {
        JsonNode v = config.path(field);
        if (!v.isNumber()) {
            return fallback;
        }
        double d = v.asDouble();
        double shortest = Double.parseDouble(Float.toString((float) d));
        return Math.abs(shortest - d) <= Math.ulp((float) d) ? shortest : d;
    }

    /** A whole number or a list of them (Keras writes tuples as lists), as {@code rank} entries; null if neither. */
    static List<Integer> ints(JsonNode value, int rank) {
        List<Integer> out = new ArrayList<>();
        if (value != null && Reading.wholeInt(value)) {
            for (int i = 0; i < rank; i++) {
                out.add(value.asInt());
            }
            return out;
        }
        if (value == null || !value.isArray() || value.size() != rank) {
            return null;
        }
        for (JsonNode v : value) {
            if (!Reading.wholeInt(v)) {
                return null;
            }
            out.add(v.asInt());
        }
        return out;
    }

    /**
     * A channels-last shape without the batch, as Neurona's channels-first: (H, W, C) → [C, H, W], (L, C) → [C, L];
     * null for other ranks.
     */
    static List<Integer> channelsFirst(List<Integer> shape) {
        return switch (shape.size()) {
            case 1 -> List.copyOf(shape);
            case 2 -> List.of(shape.get(1), shape.get(0));
            case 3 -> List.of(shape.get(2), shape.get(0), shape.get(1));
            default -> null;
        };
    }

    static String tuple(List<Integer> shape) {
        return shape.toString().replace('[', '(').replace(']', ')');
    }
}
