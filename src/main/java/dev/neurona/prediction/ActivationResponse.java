package dev.neurona.prediction;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/**
 * A layer's outputs for the request's inputs: per input its values flat, in the order of {@code shape} without the
 * batch (channels, then rows, then columns for a conv layer).
 */
record ActivationResponse(
        UUID modelId,
        LayerChoice.LayerInfo layer,
        @Schema(description = "per input (in request order), the layer's values, flat") List<float[]> activations,
        @Schema(description = "the batch: inputs × the layer's output shape") List<Integer> shape) {}
