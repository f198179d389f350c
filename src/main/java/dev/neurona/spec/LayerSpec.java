package dev.neurona.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;

/** One layer of a sequential network, in Keras vocabulary; {@code type} selects the kind. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = LayerSpec.Dense.class, name = "dense"),
        @JsonSubTypes.Type(value = LayerSpec.Dropout.class, name = "dropout"),
        @JsonSubTypes.Type(value = LayerSpec.Activation.class, name = "activation")})
@Schema(description = "A layer; `type` is dense, dropout or activation.",
        oneOf = {LayerSpec.Dense.class, LayerSpec.Dropout.class, LayerSpec.Activation.class},
        discriminatorProperty = "type",
        discriminatorMapping = {
                @DiscriminatorMapping(value = "dense", schema = LayerSpec.Dense.class),
                @DiscriminatorMapping(value = "dropout", schema = LayerSpec.Dropout.class),
                @DiscriminatorMapping(value = "activation", schema = LayerSpec.Activation.class)})
public sealed interface LayerSpec {

    /** Keras name of the layer kind, as written in {@code type}. */
    String typeName();

    /** Fully connected layer: {@code y = activation(x·Wᵀ + b)}. */
    @Schema(name = "DenseLayer")
    record Dense(
            @Schema(description = "number of neurons", example = "16", requiredMode = Schema.RequiredMode.REQUIRED)
            Integer units,
            @Schema(description = "activation applied to the output", defaultValue = "linear", example = "relu")
            String activation,
            @Schema(description = "weight initialiser", defaultValue = "glorot_uniform")
            String kernelInitializer,
            @Schema(description = "bias initialiser", defaultValue = "zeros")
            String biasInitializer,
            @Schema(description = "L1 penalty factor on the weights, added to the loss", defaultValue = "0")
            Double l1,
            @Schema(description = "L2 penalty factor on the weights (l2·Σw², as Keras), added to the loss",
                    defaultValue = "0")
            Double l2) implements LayerSpec {

        @Override
        public String typeName() {
            return "dense";
        }
    }

    /** Zeroes a fraction of its inputs during training only (inverted dropout, scaled by 1/(1−rate)). */
    @Schema(name = "DropoutLayer")
    record Dropout(
            @Schema(description = "fraction of inputs dropped, 0 ≤ rate < 1", example = "0.2",
                    requiredMode = Schema.RequiredMode.REQUIRED)
            Double rate) implements LayerSpec {

        @Override
        public String typeName() {
            return "dropout";
        }
    }

    /** Applies an activation function on its own. */
    @Schema(name = "ActivationLayer")
    record Activation(
            @Schema(example = "relu", requiredMode = Schema.RequiredMode.REQUIRED)
            String activation) implements LayerSpec {

        @Override
        public String typeName() {
            return "activation";
        }
    }
}
