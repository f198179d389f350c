package dev.neurona.training;

import java.util.List;
import java.util.Optional;

/**
 * What a training tells whoever runs it, and asks of it. Called on the training's own thread; PyTorch ignores
 * interrupts, so {@link #cancelled()} is how a training is stopped between batches. A listener may also stop a
 * training by throwing from {@link #epoch}: the exception reaches the caller of {@link ModelTrainer#train}.
 */
public interface TrainingListener {

    void batch(int epoch, int batch, int totalBatches);

    /** After each epoch, with every epoch so far (this one last). */
    void epoch(EpochRecord record, List<EpochRecord> history);

    /** After an epoch that is not the last: everything needed to go on from here if the process dies. */
    void checkpoint(Checkpoint checkpoint);

    boolean cancelled();

    /**
     * Asked once before the first epoch of a gradient-trained network: the checkpoint of an earlier, interrupted run
     * of the same training to go on from, or empty to start at epoch 1. A perceptron always starts over.
     */
    default Optional<Checkpoint> resumePoint() {
        return Optional.empty();
    }
}
