package dev.neurona.jobs;

import dev.neurona.spec.ModelSpec;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * What hyperparameter tuning needs from the job system, and no more: its trials are ordinary training jobs, queued,
 * run, cancelled and recovered like any other.
 */
@Component
public class TrialJobs {

    private final JobService service;
    private final JobRepository jobs;

    TrialJobs(JobService service, JobRepository jobs) {
        this.service = service;
        this.jobs = jobs;
    }

    /** The spec resolved for the dataset, or an DomainException whose problems name fields under {@code spec.}. */
    public ModelSpec validate(UUID datasetId, ModelSpec spec) {
        return service.validate(datasetId, spec);
    }

    /** Queues the job under this id unless it exists already (a coordinator retrying after a crash). */
    public void enqueue(UUID jobId, UUID datasetId, ModelSpec spec, String submittedBy) {
        service.enqueueTrial(jobId, datasetId, spec, submittedBy);
    }

    public Optional<JobView> find(UUID jobId) {
        return jobs.find(jobId);
    }

    /** The jobs of these ids by id, in one query (a leaderboard's trials). */
    public java.util.Map<UUID, JobView> findAll(java.util.Collection<UUID> jobIds) {
        java.util.Map<UUID, JobView> byId = new java.util.HashMap<>();
        jobs.findAll(jobIds).forEach(j -> byId.put(j.id(), j));
        return byId;
    }

    /** Cancels the job if it has not finished; a finished one is left alone. */
    public void cancel(UUID jobId) {
        Optional<JobView> job = jobs.find(jobId);
        if (job.isPresent() && !job.get().state().terminal()) {
            service.cancel(jobId);
        }
    }
}
