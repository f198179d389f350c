package dev.neurona.training;

/** A job ends in FAILED with this message, written for the person who submitted it. Not retried. */
class JobFailure extends RuntimeException {

    JobFailure(String reason) {
        super(reason);
    }
}
