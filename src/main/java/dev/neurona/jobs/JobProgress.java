package dev.neurona.jobs;

import java.time.Duration;
import java.time.Instant;

/**
 * How far a job is and when it should end: plain arithmetic on its position, shared by the job view and the event
 * stream so both say the same.
 */
final class JobProgress {

    /** Percent done (0–100, one decimal) and the estimated seconds left (null when unknown). */
    record Estimate(double percentDone, Long etaSeconds) {}

    private JobProgress() {}

    static Estimate of(
            JobState state,
            int epoch,
            int batch,
            int totalBatches,
            int totalEpochs,
            int startEpoch,
            Instant startedAt,
            Instant now) {
        return switch (state) {
            case QUEUED -> new Estimate(0, null);
            // early stopping may end a job before its last epoch: succeeded is all of it
            case SUCCEEDED -> new Estimate(100, null);
            case FAILED, CANCELLED -> new Estimate(percent(fraction(epoch, batch, totalBatches, totalEpochs)), null);
            case RUNNING -> {
                double fraction = fraction(epoch, batch, totalBatches, totalEpochs);
                yield new Estimate(percent(fraction), eta(fraction, startEpoch, totalEpochs, startedAt, now));
            }
        };
    }

    /** ((epoch − 1) + batch / totalBatches) / totalEpochs for the epoch being trained, within [0, 1]. */
    static double fraction(int epoch, int batch, int totalBatches, int totalEpochs) {
        if (totalEpochs <= 0 || epoch <= 0) {
            return 0;
        }
        double inEpoch = totalBatches <= 0 ? 0 : Math.min(1, Math.max(0, batch) / (double) totalBatches);
        return Math.min(1, ((epoch - 1) + inEpoch) / totalEpochs);
    }

    /**
     * Rounded down to one decimal, so a job shows 100 only when it is all done; the epsilon keeps 0.57 (stored as
     * 0.56999…) at 57.0.
     */
    static double percent(double fraction) {
        return Math.floor(fraction * 1000 + 1e-6) / 10;
    }

    /**
     * Seconds left at the pace of the current run: a run that resumed from a checkpoint after epoch
     * {@code startEpoch} set {@code startedAt} anew, so only the progress since then counts. Null before the run has
     * made progress. The time to load the data counts as training time, so early estimates run high.
     */
    static Long eta(double fraction, int startEpoch, int totalEpochs, Instant startedAt, Instant now) {
        if (startedAt == null || now == null || totalEpochs <= 0) {
            return null;
        }
        double done = fraction - Math.min(1, Math.max(0, startEpoch) / (double) totalEpochs);
        double elapsed = Duration.between(startedAt, now).toMillis() / 1000.0;
        if (done <= 0 || elapsed <= 0) {
            return null;
        }
        return (long) Math.ceil((1 - fraction) * elapsed / done - 1e-9);
    }
}
