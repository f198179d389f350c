package dev.neurona.dataset;

/** One column of a parsed table. Missing cells are {@code NaN} (numeric) or {@code null} (categorical). */
public sealed interface Column permits NumericColumn, CategoricalColumn {

    String name();

    int size();

    boolean isMissing(int row);

    /** A column with only the given rows, in the given order. */
    Column select(int[] rows);
}
