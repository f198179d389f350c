package dev.neurona.dataset.format;

import dev.neurona.dataset.Task;
import java.util.Objects;

/**
 * How to read an uploaded CSV.
 *
 * @param separator   field separator, or {@code null} to detect it from the header line
 * @param labelColumn name of the column to predict, or {@code null} for the last column
 * @param task        the task, or {@code null} to infer it from the label column
 * @param missing     what to do with missing cells
 */
public record CsvOptions(Character separator, String labelColumn, Task task, MissingPolicy missing) {

    public CsvOptions {
        Objects.requireNonNull(missing, "missing");
    }

    /** Everything detected or inferred, missing values rejected. */
    static CsvOptions defaults() {
        return new CsvOptions(null, null, null, MissingPolicy.ERROR);
    }
}
