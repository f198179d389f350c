package dev.neurona.jobs;

import dev.neurona.platform.events.StreamEvent;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.UUID;

/**
 * One server-sent event of {@code GET /api/v1/jobs/{id}/events}: its name, its JSON data and, for {@code epoch}
 * events only, an id (the epoch) that a reconnecting client sends back as {@code Last-Event-ID}. The data records
 * are below; an {@code epoch} event carries an {@link EpochRecord}, {@code cancelled} an empty object.
 */
record JobEvent(String name, Object data, String id) implements StreamEvent {

    static final String QUEUED = "queued";
    static final String PROGRESS = "progress";
    static final String EPOCH = "epoch";
    static final String SUCCEEDED = "succeeded";
    static final String FAILED = "failed";
    static final String CANCELLED = "cancelled";

    static JobEvent of(String name, Object data) {
        return new JobEvent(name, data, null);
    }

    @Schema(
            name = "JobQueuedEvent",
            description = "event `queued`: the job's place in the queue, sent again when " + "it changes")
    record Queued(
            @Schema(description = "1-based; 1 = next to start", example = "3") int position,
            @Schema(description = "queued jobs that will start before this one", example = "2") int queuedAhead) {}

    @Schema(
            name = "JobProgressEvent",
            description = "event `progress`: while running, sent when the batch "
                    + "position changes (at most once per poll, by default every 500 ms)")
    record Progress(
            @Schema(description = "the epoch being trained, 1-based") int epoch,
            int totalEpochs,
            @Schema(description = "batches done in this epoch") int batch,
            int totalBatches,
            @Schema(description = "0–100, one decimal", example = "42.5") double percent,
            @Schema(description = "estimated seconds left; null until there is progress to extrapolate")
                    Long etaSeconds) {

        /** The same place in training; percent follows from it, and the ETA alone changing is no news. */
        boolean samePosition(Progress other) {
            return other != null
                    && epoch == other.epoch
                    && totalEpochs == other.totalEpochs
                    && batch == other.batch
                    && totalBatches == other.totalBatches;
        }
    }

    @Schema(name = "JobSucceededEvent", description = "event `succeeded`, the last one: the model trained")
    record Succeeded(UUID modelId) {}

    @Schema(
            name = "JobFailedEvent",
            description = "event `failed`, the last one: why, as GET /api/v1/jobs/{id} " + "gives it in failureReason")
    record Failed(String reason) {}
}
