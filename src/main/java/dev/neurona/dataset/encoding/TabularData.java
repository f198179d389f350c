package dev.neurona.dataset.encoding;

import dev.neurona.dataset.Table;
import dev.neurona.dataset.Task;
import java.util.List;

/** A dataset's table ready for training: the parsed rows and how to read them. */
public record TabularData(Table table, String labelColumn, Task task, List<String> classes, boolean imputeMissing) {}
