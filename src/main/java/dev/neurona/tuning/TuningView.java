package dev.neurona.tuning;

import dev.neurona.tuning.search.Dimension;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tuning run as the API shows it: its settings, progress, the best trial and the leaderboard (every trial, best
 * objective first; trials without an objective last, in trial order).
 */
record TuningView(
        UUID id,
        UUID datasetId,
        String state,
        String strategy,
        @Schema(description = "the metric and whether higher (max) or lower (min) is better")
                Map<String, String> objective,
        List<Dimension> space,
        int maxTrials,
        Progress progress,
        Best best,
        List<TrialView> leaderboard,
        String failureReason,
        Instant createdAt,
        Instant finishedAt) {

    /**
     * @param trials      trials started so far
     * @param finished    trials that ended (done, pruned or failed)
     * @param active      trials queued or running now
     * @param percentDone finished trials out of maxTrials (hyperband and grid may end below it), 100 once ended
     */
    record Progress(int trials, int finished, int active, double percentDone) {}

    /** The best finished trial with a model: its values, its objective in the metric's own units, its model. */
    record Best(int trial, Map<String, Object> params, double objective, UUID modelId) {}

    /**
     * One trial: its values, status (ACTIVE, DONE, PRUNED, FAILED), objective in the metric's own units (its best
     * epoch), epochs asked and trained, training time, and its job and model.
     */
    record TrialView(
            int trial,
            Map<String, Object> params,
            String status,
            Double objective,
            int epochs,
            int epochsTrained,
            Long durationMs,
            UUID jobId,
            String jobState,
            UUID modelId,
            String reason,
            boolean best) {}
}
