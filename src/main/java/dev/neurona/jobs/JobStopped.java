package dev.neurona.jobs;

/** An {@link EpochJudge} stopped the job: it ends CANCELLED with the judge's reason. */
class JobStopped extends RuntimeException {
    JobStopped(String reason) {
        super(reason, null, false, false);
    }
}
