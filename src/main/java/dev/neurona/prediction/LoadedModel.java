package dev.neurona.prediction;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import dev.neurona.model.ModelRecord;
import dev.neurona.spec.OutputHead;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * A model loaded for prediction. Forward passes hold the read lock, so many run at once; closing takes the write
 * lock, so a model is never freed under a running prediction, and a closed one is never used again.
 */
final class LoadedModel implements AutoCloseable {

    private final ModelRecord record;
    private final Model model;
    private final OutputHead head;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private boolean closed;

    LoadedModel(ModelRecord record, Model model, OutputHead head) {
        this.record = record;
        this.model = model;
        this.head = head;
    }

    ModelRecord record() {
        return record;
    }

    Model model() {
        return model;
    }

    OutputHead head() {
        return head;
    }

    /**
     * One forward pass in inference mode over the batch {@code input} makes, in a manager of its own that is closed
     * before returning: the raw outputs, before the head.
     */
    Outputs forward(Function<NDManager, NDArray> input) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDArray out = model.getBlock()
                    .forward(new ParameterStore(manager, false), new NDList(input.apply(manager)), false)
                    .singletonOrThrow();
            return new Outputs(out.toFloatArray(), (int) out.getShape().get(1));
        }
    }

    /** Takes the read lock; false (and no lock held) if the model was closed meanwhile. */
    boolean acquire() {
        lock.readLock().lock();
        if (closed) {
            lock.readLock().unlock();
            return false;
        }
        return true;
    }

    void release() {
        lock.readLock().unlock();
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                model.close();
            }
        } finally {
            lock.writeLock().unlock();
        }
    }
}
