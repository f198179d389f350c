package dev.neurona.prediction;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.UUID;

/** A layer's test-set activations projected to two dimensions, one point per test row. */
record RepresentationResponse(
        UUID modelId,
        LayerChoice.LayerInfo layer,
        @Schema(description = "pca") String method,
        @Schema(description = "the share of the layer's total variance along PC1 and PC2, 0–1, descending")
                double[] explainedVariance,
        @Schema(description = "the model's classes, in its class order") List<String> classes,
        List<Point> points) {

    /**
     * @param row the test row's index in the model's dataset
     */
    record Point(double x, double y, String trueClass, String predictedClass, int row) {}
}
