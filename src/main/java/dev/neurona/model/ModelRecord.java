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
 * best trial it is, if any. {@code registeredName} and {@code version}: the registered model it is a version of
 * (null until it is registered).
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
        UUID bestOfTuning,
        String registeredName,
        Integer version) {

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

    /** A model not (yet) registered under a name. */
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
            Receipt receipt,
            UUID bestOfTuning) {
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
                bestOfTuning,
                null,
                null);
    }

    /** {@code name@version}-style label for messages, or the id when it is not registered. */
    public String label() {
        return registeredName == null ? id.toString() : registeredName + " version " + version;
    }

    public static final String PARAMETERS_NAME = "model";

    public static String prefix(UUID id) {
        return "models/" + id;
    }
}
