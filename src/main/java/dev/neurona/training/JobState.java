package dev.neurona.training;

public enum JobState {
    QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED;

    boolean terminal() {
        return this == SUCCEEDED || this == FAILED || this == CANCELLED;
    }
}
