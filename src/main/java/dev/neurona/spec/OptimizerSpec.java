package dev.neurona.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;

/** Gradient descent variant and its hyperparameters; {@code type} selects it. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = OptimizerSpec.Sgd.class, name = "sgd"),
        @JsonSubTypes.Type(value = OptimizerSpec.Adam.class, name = "adam")})
@Schema(description = "Optimizer; `type` is sgd or adam.",
        oneOf = {OptimizerSpec.Sgd.class, OptimizerSpec.Adam.class},
        discriminatorProperty = "type",
        discriminatorMapping = {
                @DiscriminatorMapping(value = "sgd", schema = OptimizerSpec.Sgd.class),
                @DiscriminatorMapping(value = "adam", schema = OptimizerSpec.Adam.class)})
public sealed interface OptimizerSpec {

    String typeName();

    Double learningRate();

    /** Stochastic gradient descent, optionally with (heavy-ball) momentum: v ← μv − η∇, w ← w + v. */
    @Schema(name = "SgdOptimizer")
    record Sgd(
            @Schema(defaultValue = "0.01", example = "0.1") Double learningRate,
            @Schema(defaultValue = "0", example = "0.9") Double momentum) implements OptimizerSpec {

        @Override
        public String typeName() {
            return "sgd";
        }
    }

    /** Adam with bias correction (Kingma &amp; Ba); Keras defaults. */
    @Schema(name = "AdamOptimizer")
    record Adam(
            @Schema(defaultValue = "0.001", example = "0.01") Double learningRate,
            @Schema(defaultValue = "0.9") Double beta1,
            @Schema(defaultValue = "0.999") Double beta2,
            @Schema(defaultValue = "1e-7") Double epsilon) implements OptimizerSpec {

        @Override
        public String typeName() {
            return "adam";
        }
    }
}
