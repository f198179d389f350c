package dev.neurona.tuning;

import dev.neurona.spec.ModelSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.UUID;

/** Body of {@code POST /api/v1/tuning}. */
@Schema(
        description = "A hyperparameter search: a base spec, the spec fields to vary and how, a strategy and an "
                + "objective",
        example =
                """
        {"datasetId": "0b230171-5f4c-4e0e-9f7a-1c2d3e4f5a6b",
         "spec": {"layers": [{"type": "dense", "units": 32, "activation": "relu"},
                             {"type": "dense", "units": 3, "activation": "softmax"}],
                  "epochs": 30, "validationSplit": 0.2, "seed": 1},
         "space": {"layers[0].units": {"type": "int", "min": 8, "max": 128, "log": true},
                   "optimizer.learningRate": {"type": "float", "min": 0.0001, "max": 0.1, "log": true},
                   "layers[0].activation": {"type": "choice", "values": ["relu", "tanh"]}},
         "strategy": "bayesian", "objective": {"metric": "val_accuracy"}, "maxTrials": 12, "seed": 7}""")
record TuningRequest(
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED) UUID datasetId,
        @Schema(requiredMode = Schema.RequiredMode.REQUIRED, description = "the base spec every trial starts from")
                ModelSpec spec,
        @Schema(
                        requiredMode = Schema.RequiredMode.REQUIRED,
                        description = "spec field path (as problems name "
                                + "them, without the leading spec.: layers[0].units, optimizer.learningRate, batchSize, …) → "
                                + "its domain")
                LinkedHashMap<String, DimensionSpec> space,
        @Schema(
                        description = "grid, random, bayesian (Tree-structured Parzen Estimator) or hyperband",
                        defaultValue = "random")
                String strategy,
        Objective objective,
        @Schema(description = "most trials (training jobs); for grid, at most the grid's size", defaultValue = "10")
                Integer maxTrials,
        @Schema(description = "hyperband: the most epochs one trial trains (R); default the spec's epochs")
                Integer maxEpochs,
        @Schema(description = "hyperband: the halving factor η", defaultValue = "3") Integer eta,
        @Schema(description = "seeds the search (the trials' own seed is the spec's)", defaultValue = "0") Long seed,
        @Schema(description = "trials queued or running at once", defaultValue = "2") Integer parallelTrials,
        @Schema(
                        description = "none, or median: stop a trial whose best objective is below the median of the "
                                + "finished trials' running averages at the same epoch",
                        defaultValue = "none")
                String earlyStopping,
        @Schema(description = "validate and count the trials without starting anything", defaultValue = "false")
                Boolean dryRun) {

    /**
     * @param type   choice, int or float
     * @param values choice: the values to choose from
     * @param min    int, float: lower bound (inclusive)
     * @param max    int, float: upper bound (inclusive)
     * @param log    int, float: sample uniformly in log space (min &gt; 0)
     * @param step   int, float: only min, min + step, …; what grid search enumerates
     */
    record DimensionSpec(String type, List<Object> values, Double min, Double max, Boolean log, Double step) {}

    /**
     * @param metric    an epoch metric: val_accuracy, val_loss, val_mae, accuracy, loss or mae
     * @param direction max or min; default max for accuracies, min otherwise
     */
    record Objective(String metric, String direction) {}
}
