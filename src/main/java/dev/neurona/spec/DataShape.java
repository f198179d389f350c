package dev.neurona.spec;

import dev.neurona.dataset.Task;
import java.util.List;

/**
 * What a spec is checked against: the shape of one input (features for tables, channels × height × width for
 * images), the task, the class names (classification) and the number of rows available for the splits.
 */
public record DataShape(List<Integer> inputShape, Task task, List<String> classes, int rows) {

    public DataShape {
        inputShape = List.copyOf(inputShape);
    }

    /** A table with {@code inputWidth} encoded features. */
    public DataShape(int inputWidth, Task task, List<String> classes, int rows) {
        this(List.of(inputWidth), task, classes, rows);
    }
}
