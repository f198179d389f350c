package dev.neurona.prediction;

import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Min;
import java.util.List;

/**
 * Body of a JSON prediction. Table models take {@code rows}; image models take {@code images} (raw pixels) and/or
 * {@code drawings} (strokes); a PNG/JPEG goes as multipart instead.
 */
@Schema(
        name = "PredictionRequest",
        example =
                """
        {"rows": [{"sepal length (cm)": 5.1, "sepal width (cm)": 3.5, "petal length (cm)": 1.4,
                   "petal width (cm)": 0.2}]}""")
record PredictionRequest(
        @ArraySchema(
                        arraySchema =
                                @Schema(
                                        description = "table models: one row each, an object of column → value "
                                                + "(extra keys are ignored), or an array of values in the order of the "
                                                + "model's input columns (preprocessing.features) or of every column "
                                                + "of the uploaded file"),
                        schema =
                                @Schema(
                                        types = {"object", "array"},
                                        description = "column → value, or the values in column order"))
                List<Object> rows,
        @Schema(
                        description =
                                "image models: pixel values 0–255 per image, flat (C·H·W) or as rows, white ink on "
                                        + "black like the training images")
                List<List<Object>> images,
        @Schema(
                        description =
                                "doodle and digit models: each drawing a list of strokes [[xs], [ys]] (Quick, Draw! "
                                        + "simplified, 0–255) or raw canvas strokes [[xs], [ys], [ts]] in any pixel coordinates",
                        example = "[[[[10, 60, 110], [20, 20, 20]], [[60, 60], [20, 120]]]]")
                List<List<List<List<Double>>>> drawings,
        @Schema(
                        description = "image models: how many best classes to list, 1 to the number of classes",
                        defaultValue = "3",
                        minimum = "1")
                @Min(1) Integer topK,
        @Schema(
                        description = "image models: also return the 28×28 the model saw, as a base64 PNG",
                        defaultValue = "false")
                Boolean includeInput) {}
