package dev.neurona.jobs;

import dev.neurona.spec.ModelSpec;
import dev.neurona.training.EpochRecord;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A training job as the API shows it: state, live progress, per-epoch history, outcome; {@code replayOf} names the
 * model a replay job retrains; {@code attempts} counts its starts (more than one when a process running it died),
 * {@code node} and {@code device} say where it last ran.
 */
public record JobView(
        UUID id,
        UUID datasetId,
        JobState state,
        ModelSpec spec,
        @Schema(description = "the epoch being trained (1-based), or the last one finished") int epoch,
        int totalEpochs,
        @Schema(description = "batches done in the current epoch") int batch,
        int totalBatches,
        List<EpochRecord> history,
        String failureReason,
        UUID modelId,
        boolean cancelRequested,
        Instant createdAt,
        Instant startedAt,
        Instant finishedAt,
        UUID replayOf,
        @Schema(
                        description = "how often the job was started: more than 1 when a process running it "
                                + "died and another run resumed it")
                int attempts,
        @Schema(description = "the node that ran it last (neurona.node-name)") String node,
        @Schema(description = "the device it trained on, e.g. cpu() or gpu(0)") String device,
        @Schema(
                        description = "the epoch the current run started from: 0, or k when it resumed from "
                                + "a checkpoint taken after epoch k")
                int startEpoch,
        @Schema(
                        description = "share of the training done, 0–100 with one decimal: "
                                + "((epoch − 1) + batch / totalBatches) / totalEpochs; 0 while queued, 100 once "
                                + "succeeded, where it stopped for a failed or cancelled job",
                        example = "42.5")
                double percentDone,
        @Schema(
                        description = "estimated seconds until training ends, from the time taken since "
                                + "startedAt for the progress made since then; null unless running with progress")
                Long etaSeconds,
        @Schema(description = "1-based place in the queue (1 = next to start); null unless queued")
                Integer queuePosition) {

    JobView withProgress(int epoch, int batch, int totalBatches) {
        return new JobView(
                id,
                datasetId,
                state,
                spec,
                epoch,
                totalEpochs,
                batch,
                totalBatches,
                history,
                failureReason,
                modelId,
                cancelRequested,
                createdAt,
                startedAt,
                finishedAt,
                replayOf,
                attempts,
                node,
                device,
                startEpoch,
                percentDone,
                etaSeconds,
                queuePosition);
    }

    JobView withEstimates(JobProgress.Estimate estimate, Integer queuePosition) {
        return new JobView(
                id,
                datasetId,
                state,
                spec,
                epoch,
                totalEpochs,
                batch,
                totalBatches,
                history,
                failureReason,
                modelId,
                cancelRequested,
                createdAt,
                startedAt,
                finishedAt,
                replayOf,
                attempts,
                node,
                device,
                startEpoch,
                estimate.percentDone(),
                estimate.etaSeconds(),
                queuePosition);
    }
}
