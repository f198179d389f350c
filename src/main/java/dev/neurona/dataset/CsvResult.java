package dev.neurona.dataset;

import java.util.List;

/**
 * A parsed CSV plus everything the reader decided on the way, so the API can echo it back to the user.
 *
 * @param droppedRows rows removed because of missing values (labels are never imputed)
 * @param classes     sorted class names for classification, empty for regression
 */
record CsvResult(Table table, char separator, String labelColumn, Task task, int droppedRows, List<String> classes) {

    CsvResult {
        classes = List.copyOf(classes);
    }
}
