package dev.neurona.jobs;

/**
 * Thrown when another run has taken this job over: the job server presumed this process dead (a long pause, a lost
 * database connection) and started the job elsewhere. This run stops without writing anything more.
 */
class JobSuperseded extends RuntimeException {
    JobSuperseded() {
        super("superseded by another run", null, false, false);
    }
}
