package dev.neurona.model;

import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.Preprocessing;
import dev.neurona.spec.ModelSpec;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A trained model: where it came from, what it is, how inputs are prepared for it, how well it did, the
 * SHA-256 of every stored artifact (key → sum), findings about its training in plain language, and the receipt to
 * reproduce it (null for models stored before receipts existed). {@code bestOfTuning} names the tuning run whose
 * best trial it is, if any.
 */
public record ModelRecord(
        UUID id,
        UUID jobId,
        UUID datasetId,
        String name,
        Task task,
        Instant createdAt,
        ModelSpec spec,
        Preprocessing preprocessing,
        Metrics metrics,
        Map<String, String> artifacts,
        java.util.List<Finding> diagnosis,
        Receipt receipt,
        UUID bestOfTuning) {

    public ModelRecord {
        diagnosis = diagnosis == null ? java.util.List.of() : java.util.List.copyOf(diagnosis);
    }

    /** A model as training registers it: not (yet) the best of any tuning run. */
    public ModelRecord(
            UUID id,
            UUID jobId,
            UUID datasetId,
            String name,
            Task task,
            Instant createdAt,
            ModelSpec spec,
            Preprocessing preprocessing,
            Metrics metrics,
            Map<String, String> artifacts,
            java.util.List<Finding> diagnosis,
            Receipt receipt) {
        this(
                id,
                jobId,
                datasetId,
                name,
                task,
                createdAt,
                spec,
                preprocessing,
                metrics,
                artifacts,
                diagnosis,
                receipt,
                null);
    }

    public static final String PARAMETERS_NAME = "model";

    public static String prefix(UUID id) {
        return "models/" + id;
    }
}
