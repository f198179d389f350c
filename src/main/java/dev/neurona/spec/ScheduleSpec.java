package dev.neurona.spec;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * How the learning rate η changes during training; {@code type} selects the curve. Every schedule can start with a
 * linear warm-up: the first {@code warmupSteps} updates use η·(s+1)/warmupSteps (s counts updates from 0), and the
 * curve itself starts once the warm-up is over, so a decay always starts from the full η.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ScheduleSpec.Constant.class, name = "constant"),
    @JsonSubTypes.Type(value = ScheduleSpec.Step.class, name = "step"),
    @JsonSubTypes.Type(value = ScheduleSpec.Exponential.class, name = "exponential"),
    @JsonSubTypes.Type(value = ScheduleSpec.Cosine.class, name = "cosine")
})
@Schema(
        description = "Learning-rate schedule; `type` is constant, step, exponential or cosine. Default: "
                + "{\"type\": \"constant\", \"warmupSteps\": 0}.",
        oneOf = {
            ScheduleSpec.Constant.class,
            ScheduleSpec.Step.class,
            ScheduleSpec.Exponential.class,
            ScheduleSpec.Cosine.class
        },
        discriminatorProperty = "type",
        discriminatorMapping = {
            @DiscriminatorMapping(value = "constant", schema = ScheduleSpec.Constant.class),
            @DiscriminatorMapping(value = "step", schema = ScheduleSpec.Step.class),
            @DiscriminatorMapping(value = "exponential", schema = ScheduleSpec.Exponential.class),
            @DiscriminatorMapping(value = "cosine", schema = ScheduleSpec.Cosine.class)
        })
public sealed interface ScheduleSpec {

    String WARMUP = "updates at the start that raise the learning rate linearly from η/warmupSteps to η; "
            + "the schedule's own curve starts after them";
    String UNIT = "what `every` counts: epochs (passes over the training rows) or steps (updates)";

    /** The schedule's name, as written in {@code type}. */
    String typeName();

    Integer warmupSteps();

    /** η throughout (after the warm-up, if any). */
    @Schema(name = "ConstantSchedule", example = "{\"type\": \"constant\", \"warmupSteps\": 0}")
    record Constant(@Schema(description = WARMUP, defaultValue = "0", example = "100") Integer warmupSteps)
            implements ScheduleSpec {

        @Override
        public String typeName() {
            return "constant";
        }
    }

    /** Step decay: η·factor^⌊s/every⌋, i.e. multiplied by {@code factor} every {@code every} epochs or steps. */
    @Schema(
            name = "StepSchedule",
            example = "{\"type\": \"step\", \"factor\": 0.5, \"every\": 10, \"unit\": \"epochs\", \"warmupSteps\": 0}")
    record Step(
            @Schema(
                            description = "multiplies the learning rate at every boundary; 0 < factor < 1",
                            defaultValue = "0.1",
                            example = "0.5")
                    Double factor,
            @Schema(description = "epochs or steps between two decays", defaultValue = "10", example = "10")
                    Integer every,
            @Schema(
                            description = UNIT,
                            allowableValues = {"epochs", "steps"},
                            defaultValue = "epochs")
                    String unit,
            @Schema(description = WARMUP, defaultValue = "0", example = "0") Integer warmupSteps)
            implements ScheduleSpec {

        @Override
        public String typeName() {
            return "step";
        }
    }

    /** Smooth exponential decay (Keras' ExponentialDecay): η·decayRate^(s/every). */
    @Schema(
            name = "ExponentialSchedule",
            example = "{\"type\": \"exponential\", \"decayRate\": 0.9, \"every\": 1, "
                    + "\"unit\": \"epochs\", \"warmupSteps\": 0}")
    record Exponential(
            @Schema(
                            description =
                                    "factor the learning rate has shrunk by after each `every`; 0 < decayRate < 1",
                            defaultValue = "0.96",
                            example = "0.9")
                    Double decayRate,
            @Schema(
                            description = "epochs or steps over which the rate shrinks by decayRate",
                            defaultValue = "1",
                            example = "1")
                    Integer every,
            @Schema(
                            description = UNIT,
                            allowableValues = {"epochs", "steps"},
                            defaultValue = "epochs")
                    String unit,
            @Schema(description = WARMUP, defaultValue = "0", example = "0") Integer warmupSteps)
            implements ScheduleSpec {

        @Override
        public String typeName() {
            return "exponential";
        }
    }

    /**
     * Cosine decay (Loshchilov &amp; Hutter, without restarts) from η to {@code minLearningRate} over every update
     * after the warm-up: min + (η − min)·½(1 + cos(π·s/S)), S = epochs × batches per epoch − warmupSteps.
     */
    @Schema(name = "CosineSchedule", example = "{\"type\": \"cosine\", \"minLearningRate\": 0, \"warmupSteps\": 10}")
    record Cosine(
            @Schema(
                            description = "where the learning rate ends; at least 0, below learningRate",
                            defaultValue = "0",
                            example = "0.0001")
                    Double minLearningRate,
            @Schema(description = WARMUP, defaultValue = "0", example = "10") Integer warmupSteps)
            implements ScheduleSpec {

        @Override
        public String typeName() {
            return "cosine";
        }
    }
}
