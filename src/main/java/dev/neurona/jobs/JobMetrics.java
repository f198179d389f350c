package dev.neurona.jobs;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.stereotype.Component;

/**
 * Job metrics this node contributes: how many jobs it is running now, how long jobs took by outcome, failures by
 * kind of reason, and the training speed of its last epoch. Queue depth is the database's, the same on every node ({@code neurona.queue.depth}).
 */
@Component
class JobMetrics {

    private final MeterRegistry meters;
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong samplesPerSecond;

    JobMetrics(MeterRegistry meters, JobRepository jobs) {
        this.meters = meters;
        Gauge.builder("neurona.node.jobs.running", running, AtomicInteger::get)
                .description("training jobs running on this node")
                .register(meters);
        Gauge.builder("neurona.queue.depth", () -> jobs.countByState(JobState.QUEUED))
                .description("training jobs waiting for a worker (all nodes)")
                .register(meters);
        this.samplesPerSecond = meters.gauge("neurona.training.samples.per.second", new AtomicLong());
    }

    /** The training speed of the epoch this node finished last. */
    void samplesPerSecond(double samples) {
        samplesPerSecond.set(Math.round(samples));
    }

    /** Call when a run begins; end it exactly once. */
    Run started() {
        running.incrementAndGet();
        return new Run(System.nanoTime());
    }

    final class Run {

        private final long start;
        private boolean ended;

        private Run(long start) {
            this.start = start;
        }

        /**
         * @param state   how the run ended, or null when it ended without an outcome of its own (superseded)
         * @param failure the kind of failure for {@code neurona.job.failures}, or null
         */
        void ended(JobState state, String failure) {
            if (ended) {
                return;
            }
            ended = true;
            running.decrementAndGet();
            String outcome = state == null ? "superseded" : state.name().toLowerCase(Locale.ROOT);
            Timer.builder("neurona.job.duration")
                    .description("time a run of a training job took, by outcome")
                    .tag("outcome", outcome)
                    .register(meters)
                    .record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
            if (failure != null) {
                Counter.builder("neurona.job.failures")
                        .description("failed training jobs by kind of reason")
                        .tag("reason", failure)
                        .register(meters)
                        .increment();
            }
        }

        /** In a finally block: a run that ended in an exception nobody recorded still stops counting as running. */
        void close() {
            if (!ended) {
                ended = true;
                running.decrementAndGet();
            }
        }
    }
}
