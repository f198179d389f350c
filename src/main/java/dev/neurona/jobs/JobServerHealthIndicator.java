package dev.neurona.jobs;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.storage.BackgroundJobServerStatus;
import org.jobrunr.storage.StorageProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * {@code jobServer} in {@code /actuator/health}: whether this node runs jobs and its job server is up, and which job
 * servers (workers) the shared job storage has seen alive. A node that should run jobs but whose job server stopped
 * is DOWN; an api node is UP without one, but says how many workers are there to run what it queues.
 */
@Component("jobServerHealthIndicator")
class JobServerHealthIndicator implements HealthIndicator {

    private final ObjectProvider<BackgroundJobServer> server;
    private final StorageProvider storage;
    private final JobRepository jobs;

    JobServerHealthIndicator(ObjectProvider<BackgroundJobServer> server, StorageProvider storage, JobRepository jobs) {
        this.server = server;
        this.storage = storage;
        this.jobs = jobs;
    }

    @Override
    public Health health() {
        BackgroundJobServer local = server.getIfAvailable();
        List<BackgroundJobServerStatus> servers = storage.getBackgroundJobServers();
        Instant now = Instant.now();
        List<Map<String, Object>> workers = servers.stream()
                .map(s -> Map.<String, Object>of(
                        "name", s.getName(),
                        "running", s.isRunning(),
                        "workerThreads", s.getWorkerPoolSize(),
                        "lastHeartbeatSecondsAgo",
                                Duration.between(s.getLastHeartbeat(), now).toSeconds()))
                .toList();
        Health.Builder health = local != null && !local.isRunning() ? Health.down() : Health.up();
        return health.withDetail("runsJobsHere", local != null && local.isRunning())
                .withDetail("queued", jobs.countByState(JobState.QUEUED))
                .withDetail("running", jobs.countByState(JobState.RUNNING))
                .withDetail("jobServers", workers)
                .build();
    }
}
