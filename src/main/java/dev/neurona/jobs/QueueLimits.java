package dev.neurona.jobs;

import dev.neurona.platform.NeuronaProperties;
import dev.neurona.platform.problem.LimitReachedException;
import java.time.Duration;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Refuses a new job when the queue is full (503) or its API key has too many jobs waiting or running (429), each
 * with a {@code Retry-After} estimated from how long recent jobs took.
 *
 * <p>Checked before the insert, not atomically with it: two submits at the same moment can both pass, so a limit
 * can be overshot by the number of submits in flight (a handful, across all API nodes). Making it exact would need
 * a lock shared by every node (SERIALIZABLE isolation or a counter row locked FOR UPDATE on every submit); a
 * conditional INSERT … SELECT COUNT(*) alone would not do, since under READ COMMITTED two transactions still both
 * see the old count. The limits protect the service from floods, where a few extra jobs do not matter.
 */
@Component
class QueueLimits {

    /** Finished jobs whose mean duration estimates Retry-After. */
    static final int RECENT_JOBS = 20;

    static final long MIN_RETRY_SECONDS = 5;
    static final long MAX_RETRY_SECONDS = 3600;
    static final long RETRY_SECONDS_WITHOUT_HISTORY = 30;

    private final JobRepository jobs;
    private final NeuronaProperties.Jobs settings;

    QueueLimits(JobRepository jobs, NeuronaProperties properties) {
        this.jobs = jobs;
        this.settings = properties.jobs();
    }

    /** Throws the 429 or 503 when a new job of this key (null: security is off, no per-key limit) may not queue. */
    void check(String submittedBy) {
        if (submittedBy != null) {
            long active = jobs.countActiveBy(submittedBy);
            if (active >= settings.maxQueuedPerKey()) {
                throw new LimitReachedException(
                        LimitReachedException.Scope.CALLER,
                        "too-many-jobs",
                        "Too many jobs",
                        "This API key has " + active + " queued or running jobs; at most "
                                + settings.maxQueuedPerKey() + " are allowed per key (neurona.jobs.max-queued-per-key)."
                                + " Wait for one to finish, or cancel one.",
                        "neurona.jobs.max-queued-per-key",
                        settings.maxQueuedPerKey(),
                        active,
                        retryAfter());
            }
        }
        long queued = jobs.countByState(JobState.QUEUED);
        if (queued >= settings.maxQueued()) {
            throw new LimitReachedException(
                    LimitReachedException.Scope.NODE,
                    "queue-full",
                    "Queue full",
                    queued + " jobs are queued; at most " + settings.maxQueued() + " may wait "
                            + "(neurona.jobs.max-queued). Try again later.",
                    "neurona.jobs.max-queued",
                    settings.maxQueued(),
                    queued,
                    retryAfter());
        }
    }

    private long retryAfter() {
        return retryAfterSeconds(jobs.recentDurations(RECENT_JOBS), jobs.countByState(JobState.RUNNING));
    }

    /**
     * A place frees up when a running job ends. With {@code running} jobs training side by side (one per node), one
     * of them ends on average every mean duration / running, if they are spread out over their runs. Clamped to
     * [5 s, 1 h]; 30 s when no job has finished yet.
     */
    static long retryAfterSeconds(List<Duration> recent, long running) {
        if (recent.isEmpty()) {
            return RETRY_SECONDS_WITHOUT_HISTORY;
        }
        double meanSeconds =
                recent.stream().mapToLong(Duration::toMillis).average().orElse(0) / 1000.0;
        long seconds = (long) Math.ceil(meanSeconds / Math.max(1, running));
        return Math.max(MIN_RETRY_SECONDS, Math.min(MAX_RETRY_SECONDS, seconds));
    }
}
