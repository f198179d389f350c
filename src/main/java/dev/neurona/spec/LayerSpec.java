package dev.neurona.spec;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** One layer of a sequential network, in Keras vocabulary; {@code type} selects the kind. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LayerSpec.Dense.class, name = "dense"),
    @JsonSubTypes.Type(value = LayerSpec.Dropout.class, name = "dropout"),
    @JsonSubTypes.Type(value = LayerSpec.Activation.class, name = "activation"),
    @JsonSubTypes.Type(value = LayerSpec.Conv2d.class, name = "conv2d"),
    @JsonSubTypes.Type(value = LayerSpec.MaxPool2d.class, name = "maxpool2d"),
    @JsonSubTypes.Type(value = LayerSpec.AvgPool2d.class, name = "avgpool2d"),
    @JsonSubTypes.Type(value = LayerSpec.GlobalAvgPool2d.class, name = "globalavgpool2d"),
    @JsonSubTypes.Type(value = LayerSpec.BatchNorm.class, name = "batchnorm"),
    @JsonSubTypes.Type(value = LayerSpec.Flatten.class, name = "flatten"),
    @JsonSubTypes.Type(value = LayerSpec.Maxout.class, name = "maxout"),
    @JsonSubTypes.Type(value = LayerSpec.Reshape.class, name = "reshape"),
    @JsonSubTypes.Type(value = LayerSpec.Conv1d.class, name = "conv1d"),
    @JsonSubTypes.Type(value = LayerSpec.MaxPool1d.class, name = "maxpool1d"),
    @JsonSubTypes.Type(value = LayerSpec.Add.class, name = "add"),
    @JsonSubTypes.Type(value = LayerSpec.Concatenate.class, name = "concatenate"),
    @JsonSubTypes.Type(value = LayerSpec.Multiply.class, name = "multiply"),
    @JsonSubTypes.Type(value = LayerSpec.Average.class, name = "average")
})
@Schema(
        description = "A layer; `type` is dense, dropout, activation, conv2d, maxpool2d, avgpool2d, "
                + "globalavgpool2d, batchnorm, flatten, maxout, reshape, conv1d, maxpool1d, or a merge of several "
                + "layers: add, concatenate, multiply or average. Any layer may have a name and the inputs it "
                + "takes (Keras' functional API); without inputs it takes the layer before it.",
        oneOf = {
            LayerSpec.Dense.class,
            LayerSpec.Dropout.class,
            LayerSpec.Activation.class,
            LayerSpec.Conv2d.class,
            LayerSpec.MaxPool2d.class,
            LayerSpec.AvgPool2d.class,
            LayerSpec.GlobalAvgPool2d.class,
            LayerSpec.BatchNorm.class,
            LayerSpec.Flatten.class,
            LayerSpec.Maxout.class,
            LayerSpec.Reshape.class,
            LayerSpec.Conv1d.class,
            LayerSpec.MaxPool1d.class,
            LayerSpec.Add.class,
            LayerSpec.Concatenate.class,
            LayerSpec.Multiply.class,
            LayerSpec.Average.class
        },
        discriminatorProperty = "type",
        discriminatorMapping = {
            @DiscriminatorMapping(value = "dense", schema = LayerSpec.Dense.class),
            @DiscriminatorMapping(value = "dropout", schema = LayerSpec.Dropout.class),
            @DiscriminatorMapping(value = "activation", schema = LayerSpec.Activation.class),
            @DiscriminatorMapping(value = "conv2d", schema = LayerSpec.Conv2d.class),
            @DiscriminatorMapping(value = "maxpool2d", schema = LayerSpec.MaxPool2d.class),
            @DiscriminatorMapping(value = "avgpool2d", schema = LayerSpec.AvgPool2d.class),
            @DiscriminatorMapping(value = "globalavgpool2d", schema = LayerSpec.GlobalAvgPool2d.class),
            @DiscriminatorMapping(value = "batchnorm", schema = LayerSpec.BatchNorm.class),
            @DiscriminatorMapping(value = "flatten", schema = LayerSpec.Flatten.class),
            @DiscriminatorMapping(value = "maxout", schema = LayerSpec.Maxout.class),
            @DiscriminatorMapping(value = "reshape", schema = LayerSpec.Reshape.class),
            @DiscriminatorMapping(value = "conv1d", schema = LayerSpec.Conv1d.class),
            @DiscriminatorMapping(value = "maxpool1d", schema = LayerSpec.MaxPool1d.class),
            @DiscriminatorMapping(value = "add", schema = LayerSpec.Add.class),
            @DiscriminatorMapping(value = "concatenate", schema = LayerSpec.Concatenate.class),
            @DiscriminatorMapping(value = "multiply", schema = LayerSpec.Multiply.class),
            @DiscriminatorMapping(value = "average", schema = LayerSpec.Average.class)
        })
public sealed interface LayerSpec {

    String NAME = "this layer's name, for other layers' inputs, tuning paths (layers.h1.units) and reports: a letter, "
            + "then letters, digits, _ or -, at most 64; unique in the spec; 'input' names the model's input";
    String TRAINABLE = "false: the layer's weights stay as they are while the network trains (Keras' trainable); "
            + "spec.unfreeze releases it from an epoch on; default true";

    /** Whether the layer's weights train: null (yes) unless the layer says false; layers without weights say null. */
    default Boolean trainable() {
        return null;
    }

    String INPUTS = "the layers this one takes, by name ('input' for the model's input); default: the layer listed "
            + "before it. Merges take two or more, every other layer one";

    /** Keras name of the layer kind, as written in {@code type}. */
    String typeName();

    /** The name given in the spec, or null. */
    String name();

    /** The names of the layers this one takes, or null for "the layer listed before it". */
    List<String> inputs();

    /** The same layer with another name and inputs (the resolver builds layers anew and keeps their wiring). */
    LayerSpec withWiring(String name, List<String> inputs);

    /** Whether this layer combines several inputs into one. */
    default boolean merge() {
        return this instanceof Add
                || this instanceof Concatenate
                || this instanceof Multiply
                || this instanceof Average;
    }

    /** The activation this layer applies (dense, conv1d, conv2d, activation layers), or null for the others. */
    default String activationName() {
        if (this instanceof Conv1d c) {
            return c.activation();
        }
        return this instanceof Dense d
                ? d.activation()
                : this instanceof Conv2d c ? c.activation() : this instanceof Activation a ? a.activation() : null;
    }

    /** Fully connected layer: {@code y = activation(x·Wᵀ + b)}. */
    @Schema(name = "DenseLayer")
    record Dense(
            @Schema(description = "number of neurons", example = "16", requiredMode = Schema.RequiredMode.REQUIRED)
                    Integer units,
            @Schema(description = "activation applied to the output", defaultValue = "linear", example = "relu")
                    String activation,
            @Schema(description = InitializerSpec.DESCRIPTION, defaultValue = "glorot_uniform", example = "he_normal")
                    InitializerSpec kernelInitializer,
            @Schema(
                            description = InitializerSpec.DESCRIPTION,
                            defaultValue = "zeros",
                            example = "{\"type\": \"constant\", \"value\": 0.01}")
                    InitializerSpec biasInitializer,
            @Schema(description = "L1 penalty factor on the weights, added to the loss", defaultValue = "0") Double l1,
            @Schema(
                            description = "L2 penalty factor on the weights (l2·Σw², as Keras), added to the loss",
                            defaultValue = "0")
                    Double l2,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.NAME) String name,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.INPUTS) List<String> inputs,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.TRAINABLE) Boolean trainable)
            implements LayerSpec {

        /** Without {@code trainable}: the layer trains (unless spec.from freezes it). */
        public Dense(
                Integer units,
                String activation,
                InitializerSpec kernelInitializer,
                InitializerSpec biasInitializer,
                Double l1,
                Double l2,
                String name,
                List<String> inputs) {
            this(units, activation, kernelInitializer, biasInitializer, l1, l2, name, inputs, null);
        }

        public Dense(
                Integer units,
                String activation,
                InitializerSpec kernelInitializer,
                InitializerSpec biasInitializer,
                Double l1,
                Double l2) {
            this(units, activation, kernelInitializer, biasInitializer, l1, l2, null, null);
        }

        @Override
        public Dense withWiring(String name, List<String> inputs) {
            return new Dense(units, activation, kernelInitializer, biasInitializer, l1, l2, name, inputs, trainable);
        }

        @Override
        public String typeName() {
            return "dense";
        }
    }

    /** Zeroes a fraction of its inputs during training only (inverted dropout, scaled by 1/(1−rate)). */
    @Schema(name = "DropoutLayer")
    record Dropout(
            @Schema(
                            description = "fraction of inputs dropped, 0 ≤ rate < 1",
                            example = "0.2",
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    Double rate,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.NAME) String name,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.INPUTS) List<String> inputs)
            implements LayerSpec {

        public Dropout(Double rate) {
            this(rate, null, null);
        }

        @Override
        public Dropout withWiring(String name, List<String> inputs) {
            return new Dropout(rate, name, inputs);
        }

        @Override
        public String typeName() {
            return "dropout";
        }
    }

    /** Applies an activation function on its own; the one place to give leaky_relu or elu their alpha. */
    @Schema(name = "ActivationLayer")
    record Activation(
            @Schema(example = "leaky_relu", requiredMode = Schema.RequiredMode.REQUIRED) String activation,
            @Schema(
                            description = "leaky_relu: slope for x < 0 (default 0.2); elu: α in α(eˣ − 1) for x < 0 "
                                    + "(default 1.0); not allowed for other activations",
                            example = "0.1")
                    Double alpha,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.NAME) String name,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.INPUTS) List<String> inputs)
            implements LayerSpec {

        public Activation(String activation, Double alpha) {
            this(activation, alpha, null, null);
        }

        @Override
        public Activation withWiring(String name, List<String> inputs) {
            return new Activation(activation, alpha, name, inputs);
        }

        public Activation(String activation) {
            this(activation, null);
        }

        @Override
        public String typeName() {
            return "activation";
        }
    }

    /**
     * 2-D convolution over (channels, height, width). {@code kernelSize} and {@code strides} take one number or
     * [height, width]; padding {@code same} keeps height and width at stride 1 (odd kernels only: PyTorch pads
     * symmetrically).
     */
    @Schema(name = "Conv2dLayer")
    record Conv2d(
            @Schema(
                            description = "number of filters (output channels)",
                            example = "32",
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    Integer filters,
            @Schema(
                            description = "kernel height and width, or one number for both",
                            example = "[3, 3]",
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                    List<Integer> kernelSize,
            @Schema(description = "step in height and width, or one number", defaultValue = "[1, 1]")
                    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                    List<Integer> strides,
            @Schema(description = "valid (no padding) or same", defaultValue = "valid") String padding,
            @Schema(defaultValue = "linear", example = "relu") String activation,
            @Schema(description = InitializerSpec.DESCRIPTION, defaultValue = "glorot_uniform")
                    InitializerSpec kernelInitializer,
            @Schema(description = InitializerSpec.DESCRIPTION, defaultValue = "zeros") InitializerSpec biasInitializer,
            @Schema(defaultValue = "0") Double l1,
            @Schema(defaultValue = "0") Double l2,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.NAME) String name,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.INPUTS) List<String> inputs,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.TRAINABLE) Boolean trainable)
            implements LayerSpec {

        /** Without {@code trainable}: the layer trains (unless spec.from freezes it). */
        public Conv2d(
                Integer filters,
                List<Integer> kernelSize,
                List<Integer> strides,
                String padding,
                String activation,
                InitializerSpec kernelInitializer,
                InitializerSpec biasInitializer,
                Double l1,
                Double l2,
                String name,
                List<String> inputs) {
            this(
                    filters,
                    kernelSize,
                    strides,
                    padding,
                    activation,
                    kernelInitializer,
                    biasInitializer,
                    l1,
                    l2,
                    name,
                    inputs,
                    null);
        }

        public Conv2d(
                Integer filters,
                List<Integer> kernelSize,
                List<Integer> strides,
                String padding,
                String activation,
                InitializerSpec kernelInitializer,
                InitializerSpec biasInitializer,
                Double l1,
                Double l2) {
            this(
                    filters,
                    kernelSize,
                    strides,
                    padding,
                    activation,
                    kernelInitializer,
                    biasInitializer,
                    l1,
                    l2,
                    null,
                    null);
        }

        @Override
        public Conv2d withWiring(String name, List<String> inputs) {
            return new Conv2d(
                    filters,
                    kernelSize,
                    strides,
                    padding,
                    activation,
                    kernelInitializer,
                    biasInitializer,
                    l1,
                    l2,
                    name,
                    inputs,
                    trainable);
        }

        @Override
        public String typeName() {
            return "conv2d";
        }
    }

    /** Largest value of each window. */
    @Schema(name = "MaxPool2dLayer")
    record MaxPool2d(
            @Schema(description = "window height and width, or one number", defaultValue = "[2, 2]")
                    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                    List<Integer> poolSize,
            @Schema(description = "default: the pool size", example = "[2, 2]")
                    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                    List<Integer> strides,
            @Schema(description = "valid or same (same needs strides equal to the pool size)", defaultValue = "valid")
                    String padding,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.NAME) String name,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.INPUTS) List<String> inputs)
            implements LayerSpec {

        public MaxPool2d(List<Integer> poolSize, List<Integer> strides, String padding) {
            this(poolSize, strides, padding, null, null);
        }

        @Override
        public MaxPool2d withWiring(String name, List<String> inputs) {
            return new MaxPool2d(poolSize, strides, padding, name, inputs);
        }

        @Override
        public String typeName() {
            return "maxpool2d";
        }
    }

    /** Mean of each window. */
    @Schema(name = "AvgPool2dLayer")
    record AvgPool2d(
            @Schema(description = "window height and width, or one number", defaultValue = "[2, 2]")
                    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                    List<Integer> poolSize,
            @Schema(description = "default: the pool size")
                    @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                    List<Integer> strides,
            @Schema(description = "valid or same (same needs strides equal to the pool size)", defaultValue = "valid")
                    String padding,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.NAME) String name,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.INPUTS) List<String> inputs)
            implements LayerSpec {

        public AvgPool2d(List<Integer> poolSize, List<Integer> strides, String padding) {
            this(poolSize, strides, padding, null, null);
        }

        @Override
        public AvgPool2d withWiring(String name, List<String> inputs) {
            return new AvgPool2d(poolSize, strides, padding, name, inputs);
        }

        @Override
        public String typeName() {
            return "avgpool2d";
        }
    }

    /** Mean over height and width per channel: (C, H, W) → (C). */
    @Schema(name = "GlobalAvgPool2dLayer")
    record GlobalAvgPool2d(
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.NAME) String name,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.INPUTS) List<String> inputs)
            implements LayerSpec {

        public GlobalAvgPool2d() {
            this(null, null);
        }

        @Override
        public GlobalAvgPool2d withWiring(String name, List<String> inputs) {
            return new GlobalAvgPool2d(name, inputs);
        }

        @Override
        public String typeName() {
            return "globalavgpool2d";
        }
    }

    /** Batch normalisation over the channel (images) or feature (vectors) axis, Keras defaults. */
    @Schema(name = "BatchNormLayer")
    record BatchNorm(
            @Schema(description = "weight of the old moving statistics", defaultValue = "0.99") Double momentum,
            @Schema(defaultValue = "0.001") Double epsilon,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.NAME) String name,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.INPUTS) List<String> inputs,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.TRAINABLE) Boolean trainable)
            implements LayerSpec {

        /** Without {@code trainable}: the layer trains (unless spec.from freezes it). */
        public BatchNorm(Double momentum, Double epsilon, String name, List<String> inputs) {
            this(momentum, epsilon, name, inputs, null);
        }

        public BatchNorm(Double momentum, Double epsilon) {
            this(momentum, epsilon, null, null);
        }

        @Override
        public BatchNorm withWiring(String name, List<String> inputs) {
            return new BatchNorm(momentum, epsilon, name, inputs, trainable);
        }

        @Override
        public String typeName() {
            return "batchnorm";
        }
    }

    /** (C, H, W) → (C·H·W), needed before a dense layer. */
    @Schema(name = "FlattenLayer")
    record Flatten(
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.NAME) String name,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.INPUTS) List<String> inputs)
            implements LayerSpec {

        public Flatten() {
            this(null, null);
        }

        @Override
        public Flatten withWiring(String name, List<String> inputs) {
            return new Flatten(name, inputs);
        }

        @Override
        public String typeName() {
            return "flatten";
        }
    }

    /**
     * Maxout (Goodfellow et al. 2013): each of {@code units} outputs is the largest of {@code pieces} affine functions
     * of the input, max over k of (W_k·x + b_k). Learns its own piecewise-linear activation, so it takes none.
     */
    @Schema(name = "MaxoutLayer")
    record Maxout(
            @Schema(description = "number of outputs", example = "16", requiredMode = Schema.RequiredMode.REQUIRED)
                    Integer units,
            @Schema(
                            description = "affine pieces each output is the maximum of, 2–16",
                            defaultValue = "2",
                            example = "3")
                    Integer pieces,
            @Schema(
                            description = InitializerSpec.DESCRIPTION
                                    + "; fans are those of the (units·pieces) × inputs weight matrix",
                            defaultValue = "glorot_uniform")
                    InitializerSpec kernelInitializer,
            @Schema(description = InitializerSpec.DESCRIPTION, defaultValue = "zeros") InitializerSpec biasInitializer,
            @Schema(description = "L1 penalty factor on the weights, added to the loss", defaultValue = "0") Double l1,
            @Schema(description = "L2 penalty factor on the weights (l2·Σw², as Keras)", defaultValue = "0") Double l2,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.NAME) String name,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.INPUTS) List<String> inputs,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.TRAINABLE) Boolean trainable)
            implements LayerSpec {

        /** Without {@code trainable}: the layer trains (unless spec.from freezes it). */
        public Maxout(
                Integer units,
                Integer pieces,
                InitializerSpec kernelInitializer,
                InitializerSpec biasInitializer,
                Double l1,
                Double l2,
                String name,
                List<String> inputs) {
            this(units, pieces, kernelInitializer, biasInitializer, l1, l2, name, inputs, null);
        }

        public Maxout(
                Integer units,
                Integer pieces,
                InitializerSpec kernelInitializer,
                InitializerSpec biasInitializer,
                Double l1,
                Double l2) {
            this(units, pieces, kernelInitializer, biasInitializer, l1, l2, null, null);
        }

        @Override
        public Maxout withWiring(String name, List<String> inputs) {
            return new Maxout(units, pieces, kernelInitializer, biasInitializer, l1, l2, name, inputs, trainable);
        }

        public Maxout(Integer units, Integer pieces) {
            this(units, pieces, null, null, null, null);
        }

        @Override
        public String typeName() {
            return "maxout";
        }
    }

    /**
     * Rearranges each row's values into another shape of as many values (Keras' Reshape; the batch dimension is left
     * out, and one entry may be -1 for "whatever is left"), e.g. 42 table columns to a 1×6×7 board for conv2d.
     */
    @Schema(name = "ReshapeLayer")
    record Reshape(
            @Schema(
                            description = "the shape of one row without the batch dimension, 1 to 3 entries; one may "
                                    + "be -1; [channels, height, width] for conv2d",
                            example = "[1, 6, 7]",
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    List<Integer> targetShape,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.NAME) String name,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.INPUTS) List<String> inputs)
            implements LayerSpec {

        public Reshape(List<Integer> targetShape) {
            this(targetShape, null, null);
        }

        @Override
        public Reshape withWiring(String name, List<String> inputs) {
            return new Reshape(targetShape, name, inputs);
        }

        @Override
        public String typeName() {
            return "reshape";
        }
    }

    /**
     * 1-D convolution over (channels, length), e.g. after a reshape to [1, -1]; as conv2d with one spatial axis.
     */
    @Schema(name = "Conv1dLayer")
    record Conv1d(
            @Schema(
                            description = "number of filters (output channels)",
                            example = "8",
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    Integer filters,
            @Schema(description = "kernel length", example = "3", requiredMode = Schema.RequiredMode.REQUIRED)
                    Integer kernelSize,
            @Schema(description = "step along the length", defaultValue = "1") Integer strides,
            @Schema(description = "valid (no padding) or same (odd kernels)", defaultValue = "valid") String padding,
            @Schema(defaultValue = "linear", example = "relu") String activation,
            @Schema(description = InitializerSpec.DESCRIPTION, defaultValue = "glorot_uniform")
                    InitializerSpec kernelInitializer,
            @Schema(description = InitializerSpec.DESCRIPTION, defaultValue = "zeros") InitializerSpec biasInitializer,
            @Schema(defaultValue = "0") Double l1,
            @Schema(defaultValue = "0") Double l2,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.NAME) String name,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.INPUTS) List<String> inputs,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.TRAINABLE) Boolean trainable)
            implements LayerSpec {

        /** Without {@code trainable}: the layer trains (unless spec.from freezes it). */
        public Conv1d(
                Integer filters,
                Integer kernelSize,
                Integer strides,
                String padding,
                String activation,
                InitializerSpec kernelInitializer,
                InitializerSpec biasInitializer,
                Double l1,
                Double l2,
                String name,
                List<String> inputs) {
            this(
                    filters,
                    kernelSize,
                    strides,
                    padding,
                    activation,
                    kernelInitializer,
                    biasInitializer,
                    l1,
                    l2,
                    name,
                    inputs,
                    null);
        }

        public Conv1d(
                Integer filters,
                Integer kernelSize,
                Integer strides,
                String padding,
                String activation,
                InitializerSpec kernelInitializer,
                InitializerSpec biasInitializer,
                Double l1,
                Double l2) {
            this(
                    filters,
                    kernelSize,
                    strides,
                    padding,
                    activation,
                    kernelInitializer,
                    biasInitializer,
                    l1,
                    l2,
                    null,
                    null);
        }

        @Override
        public Conv1d withWiring(String name, List<String> inputs) {
            return new Conv1d(
                    filters,
                    kernelSize,
                    strides,
                    padding,
                    activation,
                    kernelInitializer,
                    biasInitializer,
                    l1,
                    l2,
                    name,
                    inputs,
                    trainable);
        }

        @Override
        public String typeName() {
            return "conv1d";
        }
    }

    /** Largest value of each window along the length of (channels, length); windows that do not fit are dropped. */
    @Schema(name = "MaxPool1dLayer")
    record MaxPool1d(
            @Schema(description = "window length", defaultValue = "2") Integer poolSize,
            @Schema(description = "default: the pool size", example = "2") Integer strides,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.NAME) String name,
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.INPUTS) List<String> inputs)
            implements LayerSpec {

        public MaxPool1d(Integer poolSize, Integer strides) {
            this(poolSize, strides, null, null);
        }

        @Override
        public MaxPool1d withWiring(String name, List<String> inputs) {
            return new MaxPool1d(poolSize, strides, name, inputs);
        }

        @Override
        public String typeName() {
            return "maxpool1d";
        }
    }

    /** Element-wise sum of two or more inputs of one shape, e.g. a residual (skip) connection. */
    @Schema(name = "AddLayer")
    record Add(
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.NAME, example = "merged")
                    String name,
            @Schema(
                            description = "two or more layer names",
                            example = "[\"h1\", \"h2\"]",
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    List<String> inputs)
            implements LayerSpec {

        @Override
        public String typeName() {
            return "add";
        }

        @Override
        public Add withWiring(String name, List<String> inputs) {
            return new Add(name, inputs);
        }
    }

    /** Element-wise product of two or more inputs of one shape, e.g. a gate. */
    @Schema(name = "MultiplyLayer")
    record Multiply(
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.NAME, example = "merged")
                    String name,
            @Schema(
                            description = "two or more layer names",
                            example = "[\"h1\", \"h2\"]",
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    List<String> inputs)
            implements LayerSpec {

        @Override
        public String typeName() {
            return "multiply";
        }

        @Override
        public Multiply withWiring(String name, List<String> inputs) {
            return new Multiply(name, inputs);
        }
    }

    /** Element-wise mean of two or more inputs of one shape. */
    @Schema(name = "AverageLayer")
    record Average(
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.NAME, example = "merged")
                    String name,
            @Schema(
                            description = "two or more layer names",
                            example = "[\"h1\", \"h2\"]",
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    List<String> inputs)
            implements LayerSpec {

        @Override
        public String typeName() {
            return "average";
        }

        @Override
        public Average withWiring(String name, List<String> inputs) {
            return new Average(name, inputs);
        }
    }

    /** Joins two or more inputs along the features (vectors) or channels (images, sequences); the other dimensions must agree. Keras' default axis −1 on channels-last data is this axis. */
    @Schema(name = "ConcatenateLayer")
    record Concatenate(
            @JsonInclude(JsonInclude.Include.NON_NULL) @Schema(description = LayerSpec.NAME, example = "merged")
                    String name,
            @Schema(
                            description = "two or more layer names",
                            example = "[\"h1\", \"h2\"]",
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    List<String> inputs)
            implements LayerSpec {

        @Override
        public String typeName() {
            return "concatenate";
        }

        @Override
        public Concatenate withWiring(String name, List<String> inputs) {
            return new Concatenate(name, inputs);
        }
    }
}
