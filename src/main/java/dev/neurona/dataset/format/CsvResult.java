package dev.neurona.dataset.format;

import dev.neurona.dataset.Table;
import dev.neurona.dataset.Task;
import java.util.List;

/**
 * A parsed CSV plus everything the reader decided on the way, so the API can echo it back to the user.
 *
 * @param droppedRows rows removed because of missing values (labels are never imputed)
 * @param classes     sorted class names for classification, empty for regression
 */
public record CsvResult(
        Table table, char separator, String labelColumn, Task task, int droppedRows, List<String> classes) {

    public CsvResult {
        classes = List.copyOf(classes);
    }
}
