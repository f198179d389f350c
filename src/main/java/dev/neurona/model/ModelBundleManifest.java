package dev.neurona.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.neurona.dataset.Task;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a portable bundle says about itself ({@code manifest.json}): its format and version, the Neurona that wrote
 * it, the model's name and task, when the model was trained and exported, where it came from (ids in the exporting
 * instance, kept for provenance only) and every file beside the manifest and {@code SHA256SUMS}; the registered name
 * and version it had there (absent in bundles written before names existed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ModelBundleManifest(
        String format,
        Integer formatVersion,
        String neuronaVersion,
        String name,
        Task task,
        Instant createdAt,
        Instant exportedAt,
        UUID modelId,
        UUID jobId,
        UUID datasetId,
        List<String> files,
        String registeredName,
        Integer version) {

    public static final String FORMAT = "neurona-model-bundle";

    /** The one version this Neurona writes and reads; a reader refuses others rather than guessing. */
    public static final int VERSION = 1;
}
