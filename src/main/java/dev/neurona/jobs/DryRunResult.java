package dev.neurona.jobs;

import dev.neurona.spec.LayerRow;
import dev.neurona.spec.ModelSpec;
import dev.neurona.training.TrainingSteps;
import java.util.List;

/**
 * What a dry run answers: the spec with defaults filled in, the per-layer table, the split sizes and how the
 * training rows become updates.
 */
record DryRunResult(
        ModelSpec spec,
        List<Integer> inputShape,
        List<LayerRow> layers,
        long totalParameters,
        String outputActivation,
        int trainRows,
        int validationRows,
        int testRows,
        TrainingSteps steps) {}
