package dev.neurona.spec;

import java.util.List;

import dev.neurona.dataset.Task;

/**
 * What a spec is checked against: the encoded input width, the task, the class names (classification) and the
 * number of rows available for the splits.
 */
public record DataShape(int inputWidth, Task task, List<String> classes, int rows) {
}
