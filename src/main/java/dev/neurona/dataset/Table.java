package dev.neurona.dataset;

import java.util.List;

/** A parsed tabular dataset: columns of equal length, in file order. */
public record Table(List<Column> columns) {

    public Table {
        columns = List.copyOf(columns);
        int n = columns.isEmpty() ? 0 : columns.get(0).size();
        for (Column c : columns) {
            if (c.size() != n) {
                throw new IllegalArgumentException("column " + c.name() + " has " + c.size() + " rows, expected " + n);
            }
        }
    }

    public int rowCount() {
        return columns.isEmpty() ? 0 : columns.get(0).size();
    }

    public Column column(String name) {
        return columns.stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no column " + name));
    }

    public Table select(int[] rows) {
        return new Table(columns.stream().map(c -> c.select(rows)).toList());
    }
}
