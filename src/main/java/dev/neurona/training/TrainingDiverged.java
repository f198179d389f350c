package dev.neurona.training;

/** A job ends in FAILED with this message, written for the person who submitted it. Not retried. */
public class TrainingDiverged extends RuntimeException {

    TrainingDiverged(String reason) {
        super(reason);
    }
}
