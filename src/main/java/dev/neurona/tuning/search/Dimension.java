package dev.neurona.tuning.search;

import java.util.List;

/**
 * One searchable dimension: a path into the spec (as the API names spec fields, e.g. {@code layers[0].units},
 * {@code optimizer.learningRate}) and its domain. {@code choice} takes one of {@code values} (numbers, strings,
 * booleans, as given); {@code int} an integer in [min, max]; {@code float} a number in [min, max]; with {@code log},
 * sampled uniformly in log space (min must then be > 0). {@code step} (int and float only, not with log) restricts the
 * values to min, min + step, … and is what grid search enumerates for numeric dimensions.
 */
public record Dimension(String path, Kind kind, List<Object> values, Double min, Double max, boolean log, Double step) {

    public enum Kind {
        CHOICE,
        INT,
        FLOAT
    }
}
