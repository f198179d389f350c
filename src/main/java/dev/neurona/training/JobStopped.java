package dev.neurona.training;

/** An {@link EpochJudge} stopped the job: it ends CANCELLED with the judge's reason. */
class JobStopped extends RuntimeException {
    JobStopped(String reason) {
        super(reason, null, false, false);
    }
}
