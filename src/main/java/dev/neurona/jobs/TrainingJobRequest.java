package dev.neurona.jobs;

import java.util.UUID;
import org.jobrunr.jobs.lambdas.JobRequest;

/** What JobRunr stores for a queued training: only the job id; everything else is in our own table. */
public record TrainingJobRequest(UUID jobId) implements JobRequest {

    @Override
    public Class<TrainingJobHandler> getJobRequestHandler() {
        return TrainingJobHandler.class;
    }
}
