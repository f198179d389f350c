package dev.neurona.training;

import dev.neurona.model.Metrics;
import dev.neurona.spec.ModelSpec;
import java.util.UUID;

/**
 * What {@link ModelTrainer} trains: a resolved spec (its seed decides every random draw) on a stored dataset.
 *
 * @param name   names the training in logs and DJL's model
 * @param replay the model this training replays, or null
 */
public record TrainingTask(String name, ModelSpec spec, UUID datasetId, Replay replay) {

    /**
     * @param original the replayed model's test metrics, to compare the new ones with; null when that model is gone
     */
    public record Replay(UUID modelId, Metrics original) {}
}
