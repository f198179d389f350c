package dev.neurona.spec.keras;

import dev.neurona.spec.InitializerSpec;
import dev.neurona.spec.LayerSpec;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One Keras layer as one Neurona layer, options checked one by one. What Neurona cannot do the same way is refused
 * by its path rather than approximated: an import that trains something else than the document says helps nobody.
 */
final class KerasLayers {

    static final List<String> SUPPORTED = List.of(
            "InputLayer",
            "Dense",
            "Dropout",
            "Activation",
            "LeakyReLU",
            "ELU",
            "ReLU",
            "Softmax",
            "Conv2D",
            "Conv1D",
            "MaxPooling2D",
            "AveragePooling2D",
            "MaxPooling1D",
            "GlobalAveragePooling2D",
            "BatchNormalization",
            "Flatten",
            "Reshape",
            "Add",
            "Concatenate",
            "Multiply",
            "Average");

    private KerasLayers() {}

    /** The layer without its wiring, or null when refused (the reasons are in {@code r}). */
    static LayerSpec translate(String className, JsonNode c, String path, Reading r) {
        String cp = path + ".config";
        if (c.path("trainable").isBoolean() && !c.path("trainable").asBoolean()) {
            r.refuse(
                    cp + ".trainable",
                    "a frozen layer only makes sense with the weights it keeps, which to_json does not carry: set trainable: false on the spec's layer, or start from a trained model (spec.from)");
        }
        if (SUPPORTED.contains(className)) {
            KerasOptions.check(className, c, cp, r);
        }
        return switch (className) {
            case "Dense" -> dense(c, cp, r);
            case "Conv2D" -> conv(c, cp, 2, r);
            case "Conv1D" -> conv(c, cp, 1, r);
            case "MaxPooling2D", "AveragePooling2D" -> pool2d(className, c, cp, r);
            case "MaxPooling1D" -> pool1d(c, cp, r);
            case "GlobalAveragePooling2D" -> {
                channelsLast(c, cp, r);
                if (c.path("keepdims").asBoolean(false)) {
                    r.refuse(cp + ".keepdims", "keepdims true unsupported: Neurona's globalavgpool2d gives (C)");
                }
                yield new LayerSpec.GlobalAvgPool2d();
            }
            case "BatchNormalization" -> batchNorm(c, cp, r);
            case "Flatten" -> {
                channelsLast(c, cp, r);
                yield new LayerSpec.Flatten();
            }
            case "Reshape" -> reshape(c, cp, r);
            case "Dropout" -> dropout(c, cp, r);
            case "Activation" -> {
                String a = KerasValues.activation(c.get("activation"), cp + ".activation", r);
                yield a == null ? null : new LayerSpec.Activation(a);
            }
            case "LeakyReLU" -> {
                // Keras 2 calls the slope alpha, Keras 3 negative_slope; both default to 0.3 (Neurona: 0.2)
                String key = c.has("negative_slope") ? "negative_slope" : "alpha";
                double alpha = KerasValues.number(c, key, 0.3);
                r.note(path, "LeakyReLU layer → activation leaky_relu with alpha " + alpha);
                yield new LayerSpec.Activation("leaky_relu", alpha);
            }
            case "ELU" -> {
                double alpha = KerasValues.number(c, "alpha", 1.0);
                r.note(path, "ELU layer → activation elu with alpha " + alpha);
                yield new LayerSpec.Activation("elu", alpha);
            }
            case "ReLU" -> relu(c, cp, path, r);
            case "Softmax" -> {
                lastAxis(c.get("axis"), cp + ".axis", r);
                yield new LayerSpec.Activation("softmax");
            }
            case "Add" -> new LayerSpec.Add(null, null);
            case "Multiply" -> new LayerSpec.Multiply(null, null);
            case "Average" -> new LayerSpec.Average(null, null);
            case "Concatenate" -> {
                lastAxis(c.get("axis"), cp + ".axis", r);
                yield new LayerSpec.Concatenate(null, null);
            }
            default -> {
                r.refuse(
                        path + ".class_name",
                        "layer " + className + " has no Neurona equivalent; supported: "
                                + String.join(", ", SUPPORTED));
                yield null;
            }
        };
    }

    private static LayerSpec dense(JsonNode c, String cp, Reading r) {
        Integer units = positive(c, "units", cp, r);
        String activation = KerasValues.activation(c.get("activation"), cp + ".activation", r);
        Weights w = weights(c, cp, r);
        if (c.has("lora_rank") && !c.get("lora_rank").isNull()) {
            r.refuse(cp + ".lora_rank", "LoRA is unsupported");
        }
        return new LayerSpec.Dense(units, activation, w.kernel(), w.bias(), w.l1(), w.l2());
    }

    private static LayerSpec conv(JsonNode c, String cp, int rank, Reading r) {
        Integer filters = positive(c, "filters", cp, r);
        List<Integer> kernel = KerasValues.ints(c.get("kernel_size"), rank);
        if (kernel == null) {
            r.refuse(cp + ".kernel_size", "expected " + rank + " whole numbers, was " + c.get("kernel_size"));
        }
        List<Integer> strides = c.has("strides") ? KerasValues.ints(c.get("strides"), rank) : ones(rank);
        if (strides == null) {
            r.refuse(cp + ".strides", "expected " + rank + " whole numbers, was " + c.get("strides"));
        }
        String padding = padding(c, cp, r);
        channelsLast(c, cp, r);
        List<Integer> dilation = c.has("dilation_rate") ? KerasValues.ints(c.get("dilation_rate"), rank) : ones(rank);
        if (dilation == null || !dilation.equals(ones(rank))) {
            r.refuse(cp + ".dilation_rate", "dilated convolutions are unsupported, was " + c.get("dilation_rate"));
        }
        if (c.has("groups") && c.get("groups").asInt(1) != 1) {
            r.refuse(cp + ".groups", "grouped convolutions are unsupported, was " + c.get("groups"));
        }
        String activation = KerasValues.activation(c.get("activation"), cp + ".activation", r);
        Weights w = weights(c, cp, r);
        String pad = "valid".equals(padding) ? null : padding;
        if (rank == 1) {
            return new LayerSpec.Conv1d(
                    filters,
                    kernel == null ? null : kernel.get(0),
                    strides == null || strides.get(0) == 1 ? null : strides.get(0),
                    pad,
                    activation,
                    w.kernel(),
                    w.bias(),
                    w.l1(),
                    w.l2());
        }
        return new LayerSpec.Conv2d(
                filters,
                kernel,
                strides == null || strides.equals(ones(2)) ? null : strides,
                pad,
                activation,
                w.kernel(),
                w.bias(),
                w.l1(),
                w.l2());
    }

    private static LayerSpec pool2d(String className, JsonNode c, String cp, Reading r) {
        List<Integer> size = c.has("pool_size") ? KerasValues.ints(c.get("pool_size"), 2) : List.of(2, 2);
        if (size == null) {
            r.refuse(cp + ".pool_size", "expected 2 whole numbers, was " + c.get("pool_size"));
        }
        JsonNode s = c.get("strides");
        List<Integer> strides = s == null || s.isNull() ? null : KerasValues.ints(s, 2);
        if (s != null && !s.isNull() && strides == null) {
            r.refuse(cp + ".strides", "expected 2 whole numbers, was " + s);
        }
        if (strides != null && strides.equals(size)) {
            strides = null;
        }
        String padding = padding(c, cp, r);
        channelsLast(c, cp, r);
        String pad = "valid".equals(padding) ? null : padding;
        return className.equals("MaxPooling2D")
                ? new LayerSpec.MaxPool2d(size, strides, pad)
                : new LayerSpec.AvgPool2d(size, strides, pad);
    }

    private static LayerSpec pool1d(JsonNode c, String cp, Reading r) {
        List<Integer> size = c.has("pool_size") ? KerasValues.ints(c.get("pool_size"), 1) : List.of(2);
        if (size == null) {
            r.refuse(cp + ".pool_size", "expected a whole number, was " + c.get("pool_size"));
        }
        JsonNode s = c.get("strides");
        List<Integer> strides = s == null || s.isNull() ? null : KerasValues.ints(s, 1);
        if (s != null && !s.isNull() && strides == null) {
            r.refuse(cp + ".strides", "expected a whole number, was " + s);
        }
        if (!"valid".equals(padding(c, cp, r))) {
            r.refuse(cp + ".padding", "Neurona's maxpool1d pads nothing: only valid");
        }
        channelsLast(c, cp, r);
        Integer stride = strides == null || strides.equals(size) ? null : strides.get(0);
        return new LayerSpec.MaxPool1d(size == null ? null : size.get(0), stride);
    }

    private static LayerSpec batchNorm(JsonNode c, String cp, Reading r) {
        JsonNode axis = c.get("axis");
        lastAxis(axis != null && axis.isArray() && axis.size() == 1 ? axis.get(0) : axis, cp + ".axis", r);
        for (String flag : List.of("center", "scale")) {
            if (c.path(flag).isBoolean() && !c.path(flag).asBoolean()) {
                r.refuse(cp + "." + flag, flag + " false unsupported: Neurona's batchnorm learns beta and gamma");
            }
        }
        String[][] defaults = {
            {"beta_initializer", "zeros"},
            {"gamma_initializer", "ones"},
            {"moving_mean_initializer", "zeros"},
            {"moving_variance_initializer", "ones"}
        };
        for (String[] d : defaults) {
            JsonNode init = c.get(d[0]);
            InitializerSpec spec = KerasValues.initializer(init, d[1], cp + "." + d[0], r);
            if (spec != null) {
                r.refuse(cp + "." + d[0], "must be " + d[1] + ": Neurona's batchnorm starts from Keras' defaults");
            }
        }
        for (String none : List.of("beta_regularizer", "gamma_regularizer", "beta_constraint", "gamma_constraint")) {
            absent(c, none, cp, r);
        }
        if (c.path("renorm").asBoolean(false)) {
            r.refuse(cp + ".renorm", "batch renormalization is unsupported");
        }
        Double momentum = KerasValues.number(c, "momentum", 0.99);
        Double epsilon = KerasValues.number(c, "epsilon", 0.001);
        return new LayerSpec.BatchNorm(momentum == 0.99 ? null : momentum, epsilon == 0.001 ? null : epsilon);
    }

    private static LayerSpec reshape(JsonNode c, String cp, Reading r) {
        JsonNode target = c.get("target_shape");
        List<Integer> shape = target != null && target.isArray() ? KerasValues.ints(target, target.size()) : null;
        List<Integer> ours = shape == null ? null : KerasValues.channelsFirst(shape);
        if (ours == null) {
            r.refuse(cp + ".target_shape", "expected 1 to 3 whole numbers, was " + target);
            return null;
        }
        if (shape.size() > 1) {
            r.note(
                    cp + ".target_shape",
                    "Keras' channels-last " + KerasValues.tuple(shape) + " is Neurona's channels-first " + ours);
        }
        return new LayerSpec.Reshape(ours);
    }

    private static LayerSpec dropout(JsonNode c, String cp, Reading r) {
        absent(c, "noise_shape", cp, r);
        if (c.has("seed") && !c.get("seed").isNull()) {
            r.note(cp + ".seed", "dropout seed ignored: the spec's seed drives dropout");
        }
        return new LayerSpec.Dropout(KerasValues.number(c, "rate", 0.0));
    }

    private static LayerSpec relu(JsonNode c, String cp, String path, Reading r) {
        if (c.has("max_value") && !c.get("max_value").isNull()) {
            r.refuse(cp + ".max_value", "a capped ReLU (ReLU6) is unsupported");
        }
        if (c.path("threshold").asDouble(0) != 0) {
            r.refuse(cp + ".threshold", "a ReLU threshold other than 0 is unsupported");
        }
        double slope = KerasValues.number(c, "negative_slope", 0.0);
        if (slope != 0) {
            r.note(path, "ReLU layer with negative_slope → activation leaky_relu with alpha " + slope);
            return new LayerSpec.Activation("leaky_relu", slope);
        }
        return new LayerSpec.Activation("relu");
    }

    /** Kernel and bias: initialisers, the kernel's penalty; bias and activity penalties, constraints refused. */
    private record Weights(InitializerSpec kernel, InitializerSpec bias, Double l1, Double l2) {}

    private static Weights weights(JsonNode c, String cp, Reading r) {
        if (c.path("use_bias").isBoolean() && !c.path("use_bias").asBoolean()) {
            r.refuse(cp + ".use_bias", "use_bias false unsupported: Neurona's layers always have a bias");
        }
        InitializerSpec kernel =
                KerasValues.initializer(c.get("kernel_initializer"), "glorot_uniform", cp + ".kernel_initializer", r);
        InitializerSpec bias = KerasValues.initializer(c.get("bias_initializer"), "zeros", cp + ".bias_initializer", r);
        Double[] penalty = KerasValues.regularizer(c.get("kernel_regularizer"), cp + ".kernel_regularizer", r);
        for (String none :
                List.of("bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint")) {
            absent(c, none, cp, r);
        }
        return new Weights(kernel, bias, penalty[0], penalty[1]);
    }

    private static void absent(JsonNode c, String field, String cp, Reading r) {
        if (c.has(field) && !c.get(field).isNull()) {
            r.refuse(cp + "." + field, field + " unsupported: Neurona has none (must be null)");
        }
    }

    private static Integer positive(JsonNode c, String field, String cp, Reading r) {
        JsonNode v = c.get(field);
        if (v == null || !Reading.wholeInt(v) || v.asInt() < 1) {
            r.refuse(cp + "." + field, "expected a positive whole number, was " + v);
            return null;
        }
        return v.asInt();
    }

    private static String padding(JsonNode c, String cp, Reading r) {
        String padding = c.path("padding").asString("valid").toLowerCase(java.util.Locale.ROOT);
        if (!padding.equals("valid") && !padding.equals("same")) {
            r.refuse(cp + ".padding", "padding " + padding + " unsupported: valid or same");
        }
        return padding;
    }

    private static void channelsLast(JsonNode c, String cp, Reading r) {
        JsonNode format = c.get("data_format");
        if (format != null && !format.isNull() && !"channels_last".equals(format.asString())) {
            r.refuse(
                    cp + ".data_format",
                    format.asString() + " unsupported: the import reads Keras' channels_last (the default) and "
                            + "turns shapes channels-first itself");
        }
    }

    /**
     * Concatenate, Softmax and BatchNormalization work on Keras' last axis, which is Neurona's channel axis. -1 says
     * so; a positive axis is checked against the input's rank once shapes are known (see KerasImport).
     */
    private static void lastAxis(JsonNode axis, String path, Reading r) {
        if (axis != null && !axis.isNull() && !Reading.wholeInt(axis)) {
            r.refuse(path, "expected the last axis (-1), was " + axis);
        } else if (axis != null && Reading.wholeInt(axis) && axis.asInt() < 0 && axis.asInt() != -1) {
            r.refuse(path, "only the last (channel) axis, -1, is supported; was " + axis.asInt());
        }
    }

    private static List<Integer> ones(int rank) {
        return rank == 1 ? List.of(1) : List.of(1, 1);
    }
}
