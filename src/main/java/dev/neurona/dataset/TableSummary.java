package dev.neurona.dataset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Descriptive statistics of a table, for the dataset page and for sizing the model's input layer. */
final class TableSummary {

    static final int TOP_CATEGORIES = 20;

    private TableSummary() {}

    static List<ColumnSummary> summarize(Table table, String labelColumn) {
        return summarize(table, labelColumn, List.of());
    }

    /** Each column with its role: {@code label}, {@code ignored} (kept in the file, no feature) or {@code feature}. */
    static List<ColumnSummary> summarize(Table table, String labelColumn, List<String> ignored) {
        List<ColumnSummary> out = new ArrayList<>(table.columns().size());
        for (Column column : table.columns()) {
            String role = column.name().equals(labelColumn)
                    ? "label"
                    : ignored.contains(column.name()) ? "ignored" : "feature";
            if (column instanceof NumericColumn numeric) {
                out.add(numeric(numeric, role));
            } else if (column instanceof CategoricalColumn categorical) {
                out.add(categorical(categorical, role));
            }
        }
        return List.copyOf(out);
    }

    /** Class name to row count, in the given class order; classes absent from this table count 0. */
    static Map<String, Integer> classBalance(Table table, String labelColumn, List<String> classes) {
        Map<String, Integer> balance = new LinkedHashMap<>();
        if (!(table.column(labelColumn) instanceof CategoricalColumn label)) {
            return balance;
        }
        classes.forEach(c -> balance.put(c, 0));
        for (String value : label.values()) {
            balance.computeIfPresent(value, (k, n) -> n + 1);
        }
        return balance;
    }

    /** Width of the feature vector after one-hot encoding: 1 per numeric feature, 1 per category otherwise. */
    static int encodedWidth(Table table, String labelColumn) {
        return encodedWidth(table, labelColumn, List.of());
    }

    /** As {@link #encodedWidth(Table, String)}, without the ignored columns. */
    static int encodedWidth(Table table, String labelColumn, List<String> ignored) {
        int width = 0;
        for (Column column : table.columns()) {
            if (column.name().equals(labelColumn) || ignored.contains(column.name())) {
                continue;
            }
            width += column instanceof CategoricalColumn categorical
                    ? counts(categorical).size()
                    : 1;
        }
        return width;
    }

    private static ColumnSummary numeric(NumericColumn column, String role) {
        double[] values = column.values();
        int present = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        Set<Double> distinct = new HashSet<>();
        for (double v : values) {
            if (!Double.isNaN(v)) {
                present++;
                sum += v;
                min = Math.min(min, v);
                max = Math.max(max, v);
                distinct.add(v + 0.0); // folds -0.0 into 0.0
            }
        }
        int missing = values.length - present;
        if (present == 0) {
            return new ColumnSummary(column.name(), "numeric", role, missing, null, null, null, null, 0, null);
        }
        double mean = sum / present;
        // second pass: subtracting the mean first avoids the cancellation of the sum-of-squares formula
        double squares = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                squares += (v - mean) * (v - mean);
            }
        }
        return new ColumnSummary(
                column.name(),
                "numeric",
                role,
                missing,
                min,
                max,
                mean,
                Math.sqrt(squares / present),
                distinct.size(),
                null);
    }

    private static ColumnSummary categorical(CategoricalColumn column, String role) {
        Map<String, Integer> counts = counts(column);
        int missing = 0;
        for (String v : column.values()) {
            if (v == null) {
                missing++;
            }
        }
        // ties broken by name so the same data always gives the same summary
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.sort(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()));
        Map<String, Integer> top = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : entries.subList(0, Math.min(TOP_CATEGORIES, entries.size()))) {
            top.put(e.getKey(), e.getValue());
        }
        return new ColumnSummary(
                column.name(),
                "categorical",
                role,
                missing,
                null,
                null,
                null,
                null,
                counts.size(),
                Collections.unmodifiableMap(top));
    }

    private static Map<String, Integer> counts(CategoricalColumn column) {
        Map<String, Integer> counts = new HashMap<>();
        for (String v : column.values()) {
            if (v != null) {
                counts.merge(v, 1, Integer::sum);
            }
        }
        return counts;
    }
}
