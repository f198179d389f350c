package dev.neurona.spec.keras;

import dev.neurona.platform.problem.ConflictException;
import dev.neurona.spec.InitializerSpec;
import dev.neurona.spec.LayerSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One Neurona layer as the Keras 3 layer that computes the same function, in the dictionary form
 * {@code serialize_keras_object} gives it: the keys Keras 3.3 writes, which every later Keras 3 still reads (newer
 * versions add keys such as {@code quantization_config} that older ones would refuse). Shapes and axes are
 * channels-last, as Keras' default data format.
 */
final class KerasExportLayers {

    static final String LAYERS = "keras.layers";
    static final String FLOAT32 = "float32";
    private static final String CHANNELS_LAST = "channels_last";

    private KerasExportLayers() {}

    /** Keras' own default name for the layer this one becomes, before a unique suffix (dense, dense_1, …). */
    static String baseName(LayerSpec layer) {
        return switch (kerasClass(layer, -1)) {
            case "Dense" -> "dense";
            case "Dropout" -> "dropout";
            case "LeakyReLU" -> "leaky_re_lu";
            case "ELU" -> "elu";
            case "Conv2D" -> "conv2d";
            case "Conv1D" -> "conv1d";
            case "MaxPooling2D" -> "max_pooling2d";
            case "MaxPooling1D" -> "max_pooling1d";
            case "AveragePooling2D" -> "average_pooling2d";
            case "GlobalAveragePooling2D" -> "global_average_pooling2d";
            case "BatchNormalization" -> "batch_normalization";
            case "Flatten" -> "flatten";
            case "Reshape" -> "reshape";
            case "Add" -> "add";
            case "Multiply" -> "multiply";
            case "Average" -> "average";
            case "Concatenate" -> "concatenate";
            default -> "activation";
        };
    }

    /** The Keras class of a layer; refused (409, naming {@code spec.layers[index]}) when Keras has none. */
    static String kerasClass(LayerSpec layer, int index) {
        if (layer instanceof LayerSpec.Activation a) {
            if ("leaky_relu".equals(a.activation()) && a.alpha() != null && a.alpha() != 0.2) {
                return "LeakyReLU";
            }
            return "elu".equals(a.activation()) && a.alpha() != null && a.alpha() != 1.0 ? "ELU" : "Activation";
        }
        return switch (layer.typeName()) {
            case "dense" -> "Dense";
            case "dropout" -> "Dropout";
            case "conv2d" -> "Conv2D";
            case "conv1d" -> "Conv1D";
            case "maxpool2d" -> "MaxPooling2D";
            case "maxpool1d" -> "MaxPooling1D";
            case "avgpool2d" -> "AveragePooling2D";
            case "globalavgpool2d" -> "GlobalAveragePooling2D";
            case "batchnorm" -> "BatchNormalization";
            case "flatten" -> "Flatten";
            case "reshape" -> "Reshape";
            case "add" -> "Add";
            case "multiply" -> "Multiply";
            case "average" -> "Average";
            case "concatenate" -> "Concatenate";
            default ->
                throw refused(
                        index,
                        layer,
                        "Keras has no maxout layer. The same function in standard Keras layers is Dense(units·pieces) "
                                + "→ Reshape((pieces, units)) → GlobalMaxPooling1D(), which this export does not write; "
                                + "use dense layers with an activation to export the model");
        };
    }

    /**
     * Whether Keras writes a {@code build_config} for this class: the layers that build something when first called
     * (weights, or a flatten's and a merge's shape checks); the others are built from the start and write none.
     */
    static boolean writesBuildConfig(String kerasClass) {
        return switch (kerasClass) {
            case "Dense",
                    "Conv1D",
                    "Conv2D",
                    "BatchNormalization",
                    "Flatten",
                    "Add",
                    "Multiply",
                    "Average",
                    "Concatenate" -> true;
            default -> false;
        };
    }

    static ConflictException refused(int index, LayerSpec layer, String why) {
        return new ConflictException(
                "not-exportable",
                "Model cannot be exported to Keras",
                "spec.layers[" + index + "] (" + layer.typeName() + "): " + why);
    }

    /** {@code {"module", "class_name", "config", "registered_name"}} of layer {@code index}, named {@code name}. */
    static Map<String, Object> layer(LayerSpec layer, int index, String name) {
        String kerasClass = kerasClass(layer, index);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", name);
        // a layer frozen by its own spec is Keras' trainable: false (a base's frozen layers train in Keras' eyes)
        config.put("trainable", !Boolean.FALSE.equals(layer.trainable()));
        config.put("dtype", FLOAT32);
        if (layer instanceof LayerSpec.Dense d) {
            config.put("units", d.units());
            config.put("activation", activation(d.activation(), layer, index));
            config.put("use_bias", true);
            weights(config, d.kernelInitializer(), d.biasInitializer(), d.l1(), d.l2(), false);
        } else if (layer instanceof LayerSpec.Conv2d c) {
            convolution(config, c.filters(), c.kernelSize(), c.strides(), c.padding(), List.of(1, 1));
            config.put("activation", activation(c.activation(), layer, index));
            config.put("use_bias", true);
            weights(config, c.kernelInitializer(), c.biasInitializer(), c.l1(), c.l2(), true);
        } else if (layer instanceof LayerSpec.Conv1d c) {
            convolution(config, c.filters(), List.of(c.kernelSize()), List.of(c.strides()), c.padding(), List.of(1));
            config.put("activation", activation(c.activation(), layer, index));
            config.put("use_bias", true);
            weights(config, c.kernelInitializer(), c.biasInitializer(), c.l1(), c.l2(), true);
        } else if (layer instanceof LayerSpec.MaxPool2d p) {
            pooling(config, p.poolSize(), p.strides(), p.padding());
        } else if (layer instanceof LayerSpec.AvgPool2d p) {
            pooling(config, p.poolSize(), p.strides(), p.padding());
        } else if (layer instanceof LayerSpec.MaxPool1d p) {
            pooling(config, List.of(p.poolSize()), List.of(p.strides()), "valid");
        } else if (layer instanceof LayerSpec.GlobalAvgPool2d) {
            config.put("data_format", CHANNELS_LAST);
            config.put("keepdims", false);
        } else if (layer instanceof LayerSpec.Flatten) {
            config.put("data_format", CHANNELS_LAST);
        } else if (layer instanceof LayerSpec.Reshape r) {
            config.put("target_shape", channelsLast(r.targetShape()));
        } else if (layer instanceof LayerSpec.Dropout d) {
            config.put("rate", d.rate());
            config.put("seed", null);
            config.put("noise_shape", null);
        } else if (layer instanceof LayerSpec.BatchNorm b) {
            batchNorm(config, b);
        } else if (layer instanceof LayerSpec.Activation a) {
            switch (kerasClass) {
                case "LeakyReLU" -> config.put("negative_slope", a.alpha());
                case "ELU" -> config.put("alpha", a.alpha());
                default -> config.put("activation", activation(a.activation(), layer, index));
            }
        } else if (layer instanceof LayerSpec.Concatenate) {
            // Neurona joins features/channels, which channels-last data keeps on the last axis
            config.put("axis", -1);
        }
        return object(LAYERS, kerasClass, config);
    }

    /** Keras' name of an activation; step and sign (perceptron outputs) have no Keras activation. */
    static String activation(String name, LayerSpec layer, int index) {
        return switch (name) {
            // keras.activations.serialize writes swish by its function's name
            case "swish" -> "silu";
            case "step", "sign" ->
                throw refused(
                        index,
                        layer,
                        name + " has no Keras activation (a perceptron's output is not differentiable, so Keras "
                                + "cannot train it)");
            default -> name;
        };
    }

    /** (C, H, W) → (H, W, C) and (C, L) → (L, C): Keras keeps channels last; -1 entries move with their axis. */
    static List<Object> channelsLast(List<Integer> shape) {
        List<Object> out = new ArrayList<>();
        if (shape.size() == 1) {
            out.add(shape.get(0));
        } else {
            out.addAll(shape.subList(1, shape.size()));
            out.add(shape.get(0));
        }
        return out;
    }

    /** A shape with the batch dimension first, unknown ({@code null}) as Keras writes it. */
    static List<Object> batched(List<Integer> channelsFirst) {
        List<Object> out = new ArrayList<>();
        out.add(null);
        out.addAll(channelsLast(channelsFirst));
        return out;
    }

    static Map<String, Object> object(String module, String className, Map<String, Object> config) {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("module", module);
        object.put("class_name", className);
        object.put("config", config);
        object.put("registered_name", null);
        return object;
    }

    private static void convolution(
            Map<String, Object> config,
            int filters,
            List<Integer> kernel,
            List<Integer> strides,
            String padding,
            List<Integer> dilation) {
        config.put("filters", filters);
        config.put("kernel_size", kernel);
        config.put("strides", strides);
        config.put("padding", padding);
        config.put("data_format", CHANNELS_LAST);
        config.put("dilation_rate", dilation);
        config.put("groups", 1);
    }

    private static void pooling(Map<String, Object> config, List<Integer> size, List<Integer> strides, String pad) {
        config.put("pool_size", size);
        config.put("padding", pad);
        config.put("strides", strides);
        config.put("data_format", CHANNELS_LAST);
    }

    /** Initialisers and the L1/L2 penalty, which Neurona puts on the kernel only, as a Keras kernel_regularizer. */
    private static void weights(
            Map<String, Object> config,
            InitializerSpec kernel,
            InitializerSpec bias,
            double l1,
            double l2,
            boolean activityRegularizer) {
        config.put("kernel_initializer", initializer(kernel));
        config.put("bias_initializer", initializer(bias));
        Map<String, Object> penalty = null;
        if (l1 > 0 || l2 > 0) {
            Map<String, Object> factors = new LinkedHashMap<>();
            factors.put("l1", l1);
            factors.put("l2", l2);
            penalty = object("keras.regularizers", "L1L2", factors);
        }
        config.put("kernel_regularizer", penalty);
        config.put("bias_regularizer", null);
        if (activityRegularizer) {
            // the convolutions write theirs even when unset; Dense leaves it out then
            config.put("activity_regularizer", null);
        }
        config.put("kernel_constraint", null);
        config.put("bias_constraint", null);
    }

    private static void batchNorm(Map<String, Object> config, LayerSpec.BatchNorm b) {
        // Neurona normalises the channel (or feature) axis, the last one once channels are last
        config.put("axis", -1);
        config.put("momentum", b.momentum());
        config.put("epsilon", b.epsilon());
        config.put("center", true);
        config.put("scale", true);
        config.put("beta_initializer", initializer(InitializerSpec.named("zeros")));
        config.put("gamma_initializer", initializer(InitializerSpec.named("ones")));
        config.put("moving_mean_initializer", initializer(InitializerSpec.named("zeros")));
        config.put("moving_variance_initializer", initializer(InitializerSpec.named("ones")));
        config.put("beta_regularizer", null);
        config.put("gamma_regularizer", null);
        config.put("beta_constraint", null);
        config.put("gamma_constraint", null);
        config.put("synchronized", false);
    }

    /** A Keras initializer object; seeds are left to Keras ({@code null}), as a fresh Keras layer has them. */
    static Map<String, Object> initializer(InitializerSpec spec) {
        Map<String, Object> config = new LinkedHashMap<>();
        String className =
                switch (spec.type()) {
                    case "glorot_uniform" -> "GlorotUniform";
                    case "glorot_normal" -> "GlorotNormal";
                    case "he_uniform" -> "HeUniform";
                    case "he_normal" -> "HeNormal";
                    case "lecun_uniform" -> "LecunUniform";
                    case "lecun_normal" -> "LecunNormal";
                    case "zeros" -> "Zeros";
                    case "ones" -> "Ones";
                    case "constant" -> "Constant";
                    case "random_normal" -> "RandomNormal";
                    case "truncated_normal" -> "TruncatedNormal";
                    case "random_uniform" -> "RandomUniform";
                    default -> throw new IllegalStateException("resolved spec with initializer " + spec.type());
                };
        switch (className) {
            case "Zeros", "Ones" -> {}
            case "Constant" -> config.put("value", spec.value());
            case "RandomNormal", "TruncatedNormal" -> {
                config.put("mean", spec.mean() != null ? spec.mean() : 0.0);
                config.put("stddev", spec.stddev() != null ? spec.stddev() : 0.05);
                config.put("seed", null);
            }
            case "RandomUniform" -> {
                config.put("minval", spec.minval() != null ? spec.minval() : -0.05);
                config.put("maxval", spec.maxval() != null ? spec.maxval() : 0.05);
                config.put("seed", null);
            }
            default -> config.put("seed", null);
        }
        return object("keras.initializers", className, config);
    }
}
