package dev.neurona.spec;

import dev.neurona.dataset.Task;
import java.util.List;

/**
 * What a spec is checked against: the shape of one input (features for tables, channels × height × width for
 * images), the task, the class names (classification) and the number of rows available for the splits.
 */
public record DataShape(
        List<Integer> inputShape, Task task, List<String> classes, int rows, List<String> numericColumns) {

    public DataShape {
        inputShape = List.copyOf(inputShape);
    }

    /** Without the names of the numeric feature columns (checks that need them are skipped). */
    public DataShape(List<Integer> inputShape, Task task, List<String> classes, int rows) {
        this(inputShape, task, classes, rows, null);
    }

    /** A table with {@code inputWidth} encoded features. */
    public DataShape(int inputWidth, Task task, List<String> classes, int rows) {
        this(List.of(inputWidth), task, classes, rows);
    }
}
