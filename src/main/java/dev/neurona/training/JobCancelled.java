package dev.neurona.training;

/** Thrown at a batch boundary once a cancel was requested. */
class JobCancelled extends RuntimeException {

    JobCancelled() {
        super("cancelled", null, false, false);
    }
}
