package dev.neurona.jobs;

import dev.neurona.model.RegisterAs;
import dev.neurona.spec.ModelSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/** Body of {@code POST /api/v1/jobs}. */
@Schema(
        name = "JobSubmission",
        example =
                """
        {"datasetId": "3f0c6b8e-8d1e-4a43-9a53-2b1f0d9c4e11",
         "spec": {"layers": [{"type": "dense", "units": 16, "activation": "relu"},
                             {"type": "dense", "units": 3, "activation": "softmax"}],
                  "loss": "categorical_crossentropy",
                  "optimizer": {"type": "adam", "learningRate": 0.01},
                  "epochs": 100, "batchSize": 16, "validationSplit": 0.1, "testSplit": 0.2, "seed": 42},
         "register": {"name": "iris", "description": "iris species from petal and sepal sizes"},
         "dryRun": false}""")
record SubmitJob(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID datasetId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) ModelSpec spec,
        @Schema(description = "validate and describe the network without creating a job", defaultValue = "false")
                Boolean dryRun,
        @Schema(
                        description = "the registered model the trained model becomes the next version of; without it, "
                                + "a name made from the dataset's name")
                RegisterAs register) {

    SubmitJob(UUID datasetId, ModelSpec spec, Boolean dryRun) {
        this(datasetId, spec, dryRun, null);
    }
}
