package dev.neurona.jobs;

import org.jobrunr.jobs.annotations.Job;
import org.jobrunr.jobs.lambdas.JobRequestHandler;
import org.springframework.stereotype.Component;

/**
 * JobRunr's entry point. The runner records every outcome itself, so nothing is thrown back to JobRunr for a
 * failure in the user's spec or data; JobRunr's retries only come into play when the process died mid-job (JobRunr
 * then finds the job orphaned and schedules it again). The runner bounds them by {@code neurona.recovery.max-attempts};
 * JobRunr's own count just has to be larger.
 */
@Component
public class TrainingJobHandler implements JobRequestHandler<TrainingJobRequest> {

    static final int JOB_SERVER_RETRIES = 10;

    private final TrainingRunner runner;

    TrainingJobHandler(TrainingRunner runner) {
        this.runner = runner;
    }

    @Override
    @Job(name = "Neurona training", retries = JOB_SERVER_RETRIES)
    public void run(TrainingJobRequest request) {
        runner.run(request.jobId());
    }
}
