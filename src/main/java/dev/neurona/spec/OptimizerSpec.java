package dev.neurona.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Gradient descent variant and its hyperparameters; {@code type} selects it. Names and defaults are Keras'; the
 * update rules are written out in the README and in {@code dev.neurona.training.optim}. Every optimizer also takes a
 * learning-rate {@code schedule} and at most one of {@code clipNorm} / {@code clipValue}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = OptimizerSpec.Sgd.class, name = "sgd"),
    @JsonSubTypes.Type(value = OptimizerSpec.RmsProp.class, name = "rmsprop"),
    @JsonSubTypes.Type(value = OptimizerSpec.Adam.class, name = "adam"),
    @JsonSubTypes.Type(value = OptimizerSpec.AdamW.class, name = "adamw"),
    @JsonSubTypes.Type(value = OptimizerSpec.Adagrad.class, name = "adagrad")
})
@Schema(
        description = "Optimizer; `type` is sgd, rmsprop, adam, adamw or adagrad.",
        oneOf = {
            OptimizerSpec.Sgd.class,
            OptimizerSpec.RmsProp.class,
            OptimizerSpec.Adam.class,
            OptimizerSpec.AdamW.class,
            OptimizerSpec.Adagrad.class
        },
        discriminatorProperty = "type",
        discriminatorMapping = {
            @DiscriminatorMapping(value = "sgd", schema = OptimizerSpec.Sgd.class),
            @DiscriminatorMapping(value = "rmsprop", schema = OptimizerSpec.RmsProp.class),
            @DiscriminatorMapping(value = "adam", schema = OptimizerSpec.Adam.class),
            @DiscriminatorMapping(value = "adamw", schema = OptimizerSpec.AdamW.class),
            @DiscriminatorMapping(value = "adagrad", schema = OptimizerSpec.Adagrad.class)
        })
public sealed interface OptimizerSpec {

    String LEARNING_RATE = "η, above 0 and at most 10; the starting value when a schedule is set";
    String CLIP_NORM = "rescale all gradients together so their global L2 norm is at most this "
            + "(torch.nn.utils.clip_grad_norm_, Keras' global_clipnorm); off when absent";
    String CLIP_VALUE =
            "clamp every gradient element to [−clipValue, clipValue]; off when absent; " + "not together with clipNorm";
    String EPSILON = "ε added to the root in the denominator, above 0 and below 1";

    String typeName();

    Double learningRate();

    ScheduleSpec schedule();

    Double clipNorm();

    Double clipValue();

    /**
     * Stochastic gradient descent in Keras' convention: plain w ← w − ηg; with momentum μ, v ← μv − ηg, w ← w + v;
     * with Nesterov, v ← μv − ηg, w ← w + μv − ηg.
     */
    @Schema(
            name = "SgdOptimizer",
            example = "{\"type\": \"sgd\", \"learningRate\": 0.1, \"momentum\": 0.9, " + "\"nesterov\": true}")
    record Sgd(
            @Schema(description = LEARNING_RATE, defaultValue = "0.01", example = "0.1") Double learningRate,
            @Schema(description = "μ, at least 0 and below 1; 0 is plain SGD", defaultValue = "0", example = "0.9")
                    Double momentum,
            @Schema(
                            description = "Nesterov momentum (looks ahead along the velocity); needs momentum > 0",
                            defaultValue = "false",
                            example = "true")
                    Boolean nesterov,
            @Schema(description = "learning-rate schedule; default constant") ScheduleSpec schedule,
            @Schema(description = CLIP_NORM, example = "1.0") Double clipNorm,
            @Schema(description = CLIP_VALUE, example = "0.5") Double clipValue)
            implements OptimizerSpec {

        /** Plain or momentum SGD with a constant learning rate and no clipping. */
        public Sgd(Double learningRate, Double momentum) {
            this(learningRate, momentum, null, null, null, null);
        }

        @Override
        public String typeName() {
            return "sgd";
        }
    }

    /**
     * RMSProp (Hinton): s ← ρs + (1−ρ)g², w ← w − ηg/(√s + ε); centered subtracts the squared mean gradient from s;
     * with momentum μ, b ← μb + ηg/(√s + ε), w ← w − b (Keras).
     */
    @Schema(name = "RmsPropOptimizer", example = "{\"type\": \"rmsprop\", \"learningRate\": 0.001, \"rho\": 0.9}")
    record RmsProp(
            @Schema(description = LEARNING_RATE, defaultValue = "0.001", example = "0.001") Double learningRate,
            @Schema(
                            description = "ρ, decay of the running mean of squared gradients; at least 0, below 1",
                            defaultValue = "0.9",
                            example = "0.9")
                    Double rho,
            @Schema(description = "μ, at least 0 and below 1; 0 is none", defaultValue = "0", example = "0")
                    Double momentum,
            @Schema(description = EPSILON, defaultValue = "1e-7", example = "1e-7") Double epsilon,
            @Schema(
                            description = "divide by an estimate of the gradient's standard deviation instead of its "
                                    + "root mean square",
                            defaultValue = "false",
                            example = "false")
                    Boolean centered,
            @Schema(description = "learning-rate schedule; default constant") ScheduleSpec schedule,
            @Schema(description = CLIP_NORM, example = "1.0") Double clipNorm,
            @Schema(description = CLIP_VALUE, example = "0.5") Double clipValue)
            implements OptimizerSpec {

        @Override
        public String typeName() {
            return "rmsprop";
        }
    }

    /**
     * Adam (Kingma &amp; Ba) with bias correction: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², m̂ = m/(1−β₁ᵗ),
     * v̂ = v/(1−β₂ᵗ), w ← w − ηm̂/(√v̂ + ε); Keras defaults.
     */
    @Schema(name = "AdamOptimizer", example = "{\"type\": \"adam\", \"learningRate\": 0.001}")
    record Adam(
            @Schema(description = LEARNING_RATE, defaultValue = "0.001", example = "0.01") Double learningRate,
            @Schema(description = "β₁, decay of the gradient's running mean; at least 0, below 1", defaultValue = "0.9")
                    Double beta1,
            @Schema(
                            description = "β₂, decay of the squared gradient's running mean; at least 0, below 1",
                            defaultValue = "0.999")
                    Double beta2,
            @Schema(description = EPSILON, defaultValue = "1e-7") Double epsilon,
            @Schema(description = "learning-rate schedule; default constant") ScheduleSpec schedule,
            @Schema(description = CLIP_NORM, example = "1.0") Double clipNorm,
            @Schema(description = CLIP_VALUE, example = "0.5") Double clipValue)
            implements OptimizerSpec {

        /** Adam with a constant learning rate and no clipping. */
        public Adam(Double learningRate, Double beta1, Double beta2, Double epsilon) {
            this(learningRate, beta1, beta2, epsilon, null, null, null);
        }

        @Override
        public String typeName() {
            return "adam";
        }
    }

    /**
     * AdamW (Loshchilov &amp; Hutter): Adam plus decoupled weight decay, w ← w − ηλw before the Adam step, as Keras
     * and PyTorch do (the decay follows the schedule); default λ = 0.004 as in Keras.
     */
    @Schema(
            name = "AdamWOptimizer",
            example = "{\"type\": \"adamw\", \"learningRate\": 0.001, " + "\"weightDecay\": 0.004}")
    record AdamW(
            @Schema(description = LEARNING_RATE, defaultValue = "0.001", example = "0.001") Double learningRate,
            @Schema(
                            description =
                                    "λ, decoupled weight decay: each step shrinks w by η·λ·w; at least 0, at most 1",
                            defaultValue = "0.004",
                            example = "0.01")
                    Double weightDecay,
            @Schema(description = "β₁, at least 0, below 1", defaultValue = "0.9") Double beta1,
            @Schema(description = "β₂, at least 0, below 1", defaultValue = "0.999") Double beta2,
            @Schema(description = EPSILON, defaultValue = "1e-7") Double epsilon,
            @Schema(description = "learning-rate schedule; default constant") ScheduleSpec schedule,
            @Schema(description = CLIP_NORM, example = "1.0") Double clipNorm,
            @Schema(description = CLIP_VALUE, example = "0.5") Double clipValue)
            implements OptimizerSpec {

        @Override
        public String typeName() {
            return "adamw";
        }
    }

    /**
     * Adagrad (Duchi et al.), dense: a ← a + g², w ← w − ηg/(√a + ε), the accumulator starting at 0.1 as in
     * Keras.
     */
    @Schema(name = "AdagradOptimizer", example = "{\"type\": \"adagrad\", \"learningRate\": 0.01}")
    record Adagrad(
            @Schema(description = LEARNING_RATE, defaultValue = "0.001", example = "0.01") Double learningRate,
            @Schema(
                            description = "starting value of the sum of squared gradients; at least 0",
                            defaultValue = "0.1",
                            example = "0.1")
                    Double initialAccumulatorValue,
            @Schema(description = EPSILON, defaultValue = "1e-7") Double epsilon,
            @Schema(description = "learning-rate schedule; default constant") ScheduleSpec schedule,
            @Schema(description = CLIP_NORM, example = "1.0") Double clipNorm,
            @Schema(description = CLIP_VALUE, example = "0.5") Double clipValue)
            implements OptimizerSpec {

        @Override
        public String typeName() {
            return "adagrad";
        }
    }
}
