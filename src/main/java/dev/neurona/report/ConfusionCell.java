package dev.neurona.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The test rows in one confusion-matrix cell, the most confident predictions first. */
@Schema(description = "The test rows of one confusion-matrix cell: true class X predicted as Y")
record ConfusionCell(
        UUID modelId,
        @Schema(description = "the dataset the model was trained on; `index` is a row (or image) of it") UUID datasetId,
        @Schema(example = "versicolor") String trueClass,
        @Schema(example = "virginica") String predictedClass,
        @Schema(description = "test rows in this cell, the confusion matrix's count", example = "2") int count,
        @Schema(description = "how many of them were skipped (the `offset` parameter)", example = "0") int offset,
        @Schema(description = "false once the dataset was deleted: then samples have only index and probabilities")
                boolean datasetAvailable,
        List<Sample> samples) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @Schema(name = "ConfusionCellSample", description = "one test row of the cell")
    record Sample(
            @Schema(
                            description =
                                    "row index in the dataset (the `offset` of GET /api/v1/datasets/{id}/samples), or "
                                            + "image index for image datasets",
                            example = "77")
                    int index,
            @Schema(
                            description =
                                    "tables: the row as column → value, as the dataset's samples endpoint shows it",
                            example =
                                    "{\"sepal length (cm)\": 6.7, \"sepal width (cm)\": 3.0, \"petal length (cm)\": 5.0, "
                                            + "\"petal width (cm)\": 1.7, \"species\": \"versicolor\"}")
                    Map<String, Object> row,
            @Schema(description = "images: the image as the dataset holds it, a base64 PNG") String image,
            @Schema(
                            description = "every class's probability, in class order",
                            example = "{\"setosa\": 0.0012, \"versicolor\": 0.3721, \"virginica\": 0.6267}")
                    Map<String, Double> probabilities) {}
}
