package dev.neurona.dataset.encoding;

import dev.neurona.dataset.Table;
import dev.neurona.dataset.Task;
import java.util.List;

/**
 * A dataset's table ready for training: the parsed rows and how to read them.
 *
 * @param ignoredColumns    columns the upload marked as no feature
 * @param unknownCategories the dataset's choice for categories unseen in training ({@link UnknownCategories})
 */
public record TabularData(
        Table table,
        String labelColumn,
        Task task,
        List<String> classes,
        boolean imputeMissing,
        List<String> ignoredColumns,
        String unknownCategories) {

    public TabularData {
        ignoredColumns = ignoredColumns == null ? List.of() : List.copyOf(ignoredColumns);
    }
}
