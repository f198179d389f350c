package dev.neurona.jobs;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.stereotype.Component;

/**
 * JobRunr's entry point. {@link JobExecution} records every outcome itself, so nothing is thrown back to JobRunr for
 * a failure in the user's spec or data; JobRunr's retries only come into play when the process died mid-job (JobRunr
 * then finds the job orphaned and schedules it again), and {@link JobExecution} bounds them by
 * {@code neurona.recovery.max-attempts}.
 */
@Component
public class TrainingJobHandler implements JobRequestHandler<TrainingJobRequest> {

    private final JobExecution execution;

    TrainingJobHandler(JobExecution execution) {
        this.execution = execution;
    }

    @Override
    @Job(name = "Neurona training", retries = JobExecution.JOB_SERVER_RETRIES)
    public void run(TrainingJobRequest request) {
        execution.run(request.jobId());
    }
}
