package dev.neurona.prediction;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Body of an activations request: the layer, and inputs exactly as a JSON prediction takes them. */
@Schema(
        name = "ActivationRequest",
        example =
                """
        {"layer": "h1", "rows": [{"sepal length (cm)": 5.1, "sepal width (cm)": 3.5, "petal length (cm)": 1.4,
                                  "petal width (cm)": 0.2}]}""")
record ActivationRequest(
        @Schema(
                        description = "a layer's name, its 0-based index into spec.layers (the dry-run row's index), "
                                + "or \"input\" for the preprocessed input",
                        types = {"string", "integer"},
                        requiredMode = Schema.RequiredMode.REQUIRED)
                Object layer,
        @Schema(description = "table models: rows as for predictions") List<Object> rows,
        @Schema(description = "image models: pixel values 0–255 per image, as for predictions")
                List<List<Object>> images,
        @Schema(description = "doodle and digit models: drawings as for predictions")
                List<List<List<List<Double>>>> drawings) {

    /** The inputs as a prediction request, so they are read and prepared by the same code. */
    PredictionRequest inputs() {
        return new PredictionRequest(rows, images, drawings, null, null);
    }
}
