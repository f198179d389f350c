package dev.neurona.training;

/** Thrown at a batch boundary once a cancel was requested. */
public class TrainingCancelled extends RuntimeException {

    TrainingCancelled() {
        super("cancelled", null, false, false);
    }
}
