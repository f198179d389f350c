package dev.neurona.prediction;

import ai.djl.Model;
import dev.neurona.model.ModelRecord;
import dev.neurona.spec.OutputHead;
import java.util.concurrent.locks.ReentrantReadWriteLock;

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
