package dev.neurona.keras;

import dev.neurona.spec.LayerRow;
import dev.neurona.spec.ModelSpec;
import dev.neurona.spec.keras.KerasNote;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** The Neurona spec of a Keras model, its dry-run table on the model's own input, and what was translated how. */
record KerasImportResult(
        @Schema(
                        implementation = ModelSpec.class,
                        description = "the spec to train: POST it to /api/v1/jobs with a dataset, adding loss, "
                                + "optimizer, epochs… as wanted; options at their defaults are left out")
                JsonNode spec,
        @Schema(description = "the input shape the layers were walked on, channels-first", example = "[784]")
                List<Integer> inputShape,
        @Schema(description = "the dry-run rows: each layer's output shape (batch as -1) and parameters")
                List<LayerRow> layers,
        @Schema(
                        description = "trainable parameters (with batchnorm's moving statistics, as Keras counts)",
                        example = "669706")
                long parameters,
        @Schema(description = "every translated option, by its JSON path in the Keras document") List<KerasNote> notes,
        Source keras) {

    /** What the document was. */
    record Source(
            @Schema(description = "Keras 2 or 3 (by the document's form)", example = "3") int version,
            @Schema(description = "Sequential or Functional", example = "Sequential") String model) {}
}
