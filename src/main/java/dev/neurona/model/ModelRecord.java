package dev.neurona.model;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import dev.neurona.dataset.Preprocessing;
import dev.neurona.dataset.Task;
import dev.neurona.spec.ModelSpec;

/**
 * A trained model: where it came from, what it is, how inputs are prepared for it, how well it did, and the
 * SHA-256 of every stored artifact (key → sum).
 */
public record ModelRecord(UUID id, UUID jobId, UUID datasetId, String name, Task task, Instant createdAt,
                          ModelSpec spec, Preprocessing preprocessing, Metrics metrics,
                          Map<String, String> artifacts) {

    public static final String PARAMETERS_NAME = "model";

    public static String prefix(UUID id) {
        return "models/" + id;
    }
}
