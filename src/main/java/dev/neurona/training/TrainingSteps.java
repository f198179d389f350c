package dev.neurona.training;

import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.spec.ModelSpec;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * How the training rows become updates. Needs the size of the training split, which only exists once a dataset
 * is split, so it is worked out here rather than in the spec's validation.
 */
@Schema(
        name = "TrainingSteps",
        description = "the batch size as used (\"all\" resolved to the training rows), "
                + "batches per epoch and updates in all (what a cosine schedule decays over)")
public record TrainingSteps(
        @Schema(example = "108") int batchSize,
        @Schema(example = "1") int batchesPerEpoch,
        @Schema(example = "60") long totalSteps) {

    public static TrainingSteps of(ModelSpec spec, int trainRows) {
        int batchSize = Math.min(spec.batchSize(), trainRows);
        int batches = (trainRows + batchSize - 1) / batchSize;
        return new TrainingSteps(batchSize, batches, (long) batches * spec.epochs());
    }

    /** What the spec's validation could not see: a full batch above the limit, a warm-up filling the training. */
    public List<FieldProblem> problems(ModelSpec spec, int maxBatchSize) {
        List<FieldProblem> problems = new ArrayList<>();
        if (spec.batchSize() == ModelSpec.ALL_ROWS && batchSize > maxBatchSize) {
            problems.add(new FieldProblem(
                    "spec.batchSize",
                    "\"all\" puts the " + batchSize + " training rows in " + "one batch; at most " + maxBatchSize
                            + " (neurona.limits.max-batch-size): use a number"));
        }
        int warmup = spec.optimizer().schedule().warmupSteps();
        if (warmup >= totalSteps) {
            problems.add(new FieldProblem(
                    "spec.optimizer.schedule.warmupSteps",
                    "the warm-up takes " + warmup
                            + " updates but the training has only " + totalSteps + " (" + spec.epochs() + " epochs × "
                            + batchesPerEpoch + " batches): it would never reach the learning rate; use fewer"));
        }
        return problems;
    }
}
