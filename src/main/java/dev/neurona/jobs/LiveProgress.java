package dev.neurona.jobs;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Batch-level progress of the jobs running in this JVM and their cancel flags. Kept in memory because writing every
 * batch to the database would cost more than the batch; the database gets it at most once a second and per epoch.
 */
@Component
class LiveProgress {

    record Position(int epoch, int batch, int totalBatches) {}

    private final Map<UUID, Position> positions = new ConcurrentHashMap<>();
    private final Set<UUID> cancelled = ConcurrentHashMap.newKeySet();

    void update(UUID job, int epoch, int batch, int totalBatches) {
        positions.put(job, new Position(epoch, batch, totalBatches));
    }

    Position position(UUID job) {
        return positions.get(job);
    }

    void cancel(UUID job) {
        cancelled.add(job);
    }

    boolean isCancelled(UUID job) {
        return cancelled.contains(job);
    }

    void clear(UUID job) {
        positions.remove(job);
        cancelled.remove(job);
    }
}
