package dev.neurona.model;

import dev.neurona.dataset.encoding.Preprocessing;
import dev.neurona.spec.ModelSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

/**
 * A trained model before it is stored: what its record will say, its test predictions (null for regression), and
 * {@code parameters}, a temporary directory holding the parameter file DJL wrote. {@link ModelWriter#save} takes that
 * directory over and deletes it.
 */
public record NewModel(
        UUID jobId,
        UUID datasetId,
        String name,
        ModelSpec spec,
        Preprocessing preprocessing,
        Metrics metrics,
        List<Finding> diagnosis,
        Receipt receipt,
        TestPredictions predictions,
        Path parameters) {}
