package dev.neurona.training;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.neurona.spec.ModelSpec;

/**
 * A training job as the API shows it: state, live progress, per-epoch history, outcome; {@code replayOf} names the
 * model a replay job retrains; {@code attempts} counts its starts (more than one when a process running it died),
 * {@code node} and {@code device} say where it last ran.
 */
public record JobView(UUID id, UUID datasetId, JobState state, ModelSpec spec, int epoch, int totalEpochs,
                      int batch, int totalBatches, List<EpochRecord> history, String failureReason, UUID modelId,
                      boolean cancelRequested, Instant createdAt, Instant startedAt, Instant finishedAt,
                      UUID replayOf, int attempts, String node, String device) {

    JobView withProgress(int epoch, int batch, int totalBatches) {
        return new JobView(id, datasetId, state, spec, epoch, totalEpochs, batch, totalBatches, history,
                failureReason, modelId, cancelRequested, createdAt, startedAt, finishedAt, replayOf, attempts, node, device);
    }
}
