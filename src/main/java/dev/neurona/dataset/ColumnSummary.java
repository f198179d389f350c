package dev.neurona.dataset;

import java.util.Map;

/**
 * Per-column statistics shown to the user after upload. Statistics ignore missing cells; numeric
 * statistics are {@code null} (never NaN, which JSON cannot carry) when there is nothing to compute them on.
 *
 * @param type          {@code "numeric"} or {@code "categorical"}
 * @param role          {@code "feature"}, {@code "label"} or {@code "ignored"} (kept in the file, not used as a feature)
 * @param std           population standard deviation
 * @param distinct      number of distinct non-missing values (both types)
 * @param topCategories categorical only: up to 20 most frequent values, most frequent first
 */
public record ColumnSummary(
        String name,
        String type,
        String role,
        int missing,
        Double min,
        Double max,
        Double mean,
        Double std,
        Integer distinct,
        Map<String, Integer> topCategories) {}
