package dev.neurona.jobs;

import java.time.Instant;
import java.util.UUID;

/**
 * A job's row without its spec and history, for the event poller, which reads it twice a second per watched job;
 * {@code historyChars} tells it whether the history changed since it last read it.
 */
record JobStatus(
        UUID id,
        JobState state,
        int epoch,
        int totalEpochs,
        int batch,
        int totalBatches,
        int startEpoch,
        UUID modelId,
        String failureReason,
        Instant createdAt,
        Instant startedAt,
        long historyChars) {}
