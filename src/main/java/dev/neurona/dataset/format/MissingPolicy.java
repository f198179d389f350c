package dev.neurona.dataset.format;

/**
 * What to do with missing cells at upload time. {@code IMPUTE} only keeps them (as NaN/null): the actual
 * filling must use training-split statistics, so it happens later, not in the reader.
 */
public enum MissingPolicy {
    ERROR,
    DROP,
    IMPUTE
}
