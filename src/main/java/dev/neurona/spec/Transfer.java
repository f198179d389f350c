package dev.neurona.spec;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * Transfer learning: the network starts with a trained model's layers 0..{@code upTo}, with their trained weights,
 * followed by the job's own {@code layers} (the new head). In a resolved spec {@code layers} holds the whole network
 * (the base part first), {@code upTo} and {@code frozen} are layer indices and {@code id}, {@code name},
 * {@code version} and {@code datasetId} name the base model, so the spec stands on its own (docs/transfer.md).
 *
 * @param model  the base model: an id, a registered name, {@code name@alias} (as {@code /api/v1/models/{ref}})
 * @param upTo   the base's last layer kept: its name or 0-based index in the base's {@code layers}
 * @param frozen the base's layers (names or indices) that do not train from epoch 1; default: all of them
 */
@Schema(name = "Transfer")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Transfer(
        @Schema(
                        description = "the trained model to start from: an id, a registered name, name@alias or "
                                + "name@version",
                        example = "digits@champion",
                        requiredMode = Schema.RequiredMode.REQUIRED)
                String model,
        @Schema(
                        description = "the base's last layer kept: its name or 0-based index in the base's layers; "
                                + "the job's layers follow it",
                        types = {"string", "integer"},
                        example = "features",
                        requiredMode = Schema.RequiredMode.REQUIRED)
                Object upTo,
        @Schema(
                        description = "the kept base layers (names or indices) whose weights do not train from epoch "
                                + "1 (trainable: false); default: all of them; [] fine-tunes everything from the start",
                        example = "[\"c1\", \"c2\"]")
                List<Object> frozen,
        @Schema(description = "set by the service: the base model's id", accessMode = Schema.AccessMode.READ_ONLY)
                UUID id,
        @Schema(
                        description = "set by the service: the base's registered name",
                        accessMode = Schema.AccessMode.READ_ONLY)
                String name,
        @Schema(description = "set by the service: the base's version", accessMode = Schema.AccessMode.READ_ONLY)
                Integer version,
        @Schema(
                        description = "set by the service: the dataset the base was trained on",
                        accessMode = Schema.AccessMode.READ_ONLY)
                UUID datasetId) {

    public Transfer(String model, Object upTo, List<Object> frozen) {
        this(model, upTo, frozen, null, null, null, null);
    }

    /** The kept base layers' count, once resolved (upTo is then an index). */
    public int baseLayers() {
        return ((Number) upTo).intValue() + 1;
    }

    /**
     * From epoch {@code epoch} (1-based, as the job counts) the listed layers train.
     *
     * @param layers names or indices of frozen layers
     */
    @Schema(name = "Unfreeze")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Unfreeze(
            @Schema(
                            description = "the first epoch (1-based) in which these layers train",
                            example = "3",
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    Integer epoch,
            @Schema(
                            description = "frozen layers, by name or 0-based index, that train from that epoch",
                            example = "[\"c2\"]",
                            requiredMode = Schema.RequiredMode.REQUIRED)
                    List<Object> layers) {}
}
