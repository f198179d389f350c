package dev.neurona.dataset;

import java.util.Optional;
import java.util.UUID;

/**
 * Lets another feature veto deleting a dataset it is using (training implements it for queued and running jobs),
 * without the dataset feature knowing about jobs.
 */
public interface DatasetUsage {

    /** Why the dataset cannot be deleted now, or empty if it can. */
    Optional<String> activeUse(UUID datasetId);
}
