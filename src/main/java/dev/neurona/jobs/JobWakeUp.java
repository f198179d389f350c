package dev.neurona.jobs;

import dev.neurona.platform.NeuronaProperties;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import org.jobrunr.server.BackgroundJobServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Starts a just-queued job at once when this node has an idle job server, instead of at the server's next poll (up
 * to {@code jobrunr.background-job-server.poll-interval-in-seconds}, which JobRunr keeps at 5 s or more; its
 * "instant processing" is JobRunr Pro only). The wake-up runs the local server's {@code JobSteward} once: the very
 * task JobRunr's own poll runs, which takes enqueued jobs from the database with the same optimistic locking, so a
 * job is still taken by exactly one node, and recovery (orphaned jobs, retries) is untouched. Nodes without a job
 * server (role {@code api}) and busy nodes leave the job to the next poll, as before.
 */
@Component
class JobWakeUp {

    private static final Logger log = LoggerFactory.getLogger(JobWakeUp.class);

    private final ObjectProvider<BackgroundJobServer> server;
    private final TaskScheduler scheduler;
    private final boolean enabled;
    private final AtomicLong wakeUps = new AtomicLong();

    JobWakeUp(ObjectProvider<BackgroundJobServer> server, TaskScheduler scheduler, NeuronaProperties properties) {
        this.server = server;
        this.scheduler = scheduler;
        this.enabled = properties.jobs().wakeOnSubmit();
    }

    /** Called right after a job was enqueued in JobRunr's storage; never blocks the submission. */
    void jobQueued() {
        if (!enabled) {
            return;
        }
        BackgroundJobServer local = server.getIfAvailable();
        if (local == null || !local.isRunning() || local.getJobSteward() == null) {
            return;
        }
        if (local.getJobSteward().getOccupiedWorkerCount() > 0) {
            return; // busy: the job waits for a worker anyway, and the worker looks for work when it frees up
        }
        scheduler.schedule(
                () -> {
                    try {
                        local.getJobSteward().run();
                        wakeUps.incrementAndGet();
                    } catch (RuntimeException e) {
                        // the regular poll picks the job up
                        log.warn("Could not wake the job server after a submission: {}", e.toString());
                    }
                },
                Instant.now());
    }

    /** How many times a submission woke this node's job server (for tests and the benchmark). */
    long wakeUps() {
        return wakeUps.get();
    }
}
