package dev.neurona.jobs;

import dev.neurona.training.EpochRecord;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Asked after every epoch of every job, on the node that trains it: a reason to stop the job now, or empty. Tuning
 * uses it to stop hopeless trials at the epoch where the rule says so, however fast the epochs go by; a poll from
 * outside would see short trials only after they have finished.
 */
public interface EpochJudge {

    Optional<String> stop(UUID jobId, List<EpochRecord> history);
}
