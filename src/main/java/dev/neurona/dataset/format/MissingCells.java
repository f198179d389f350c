package dev.neurona.dataset.format;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What counts as a missing cell and as a number, in one place: the CSV reader applies it at upload and the
 * tabular encoding to prediction rows, so a cell means the same thing in a prediction as it did in the file.
 */
public final class MissingCells {

    /** Cells (trimmed, any case) that mean "no value". */
    public static final Set<String> TOKENS = Set.of("", "na", "n/a", "nan", "null", "?");

    // Double.parseDouble also takes "1d", "0x1p3" and "Infinity"; such cells are codes or text, not numbers. The
    // same grammar as CsvTableReader's, which decides at upload whether a column is numeric.
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private MissingCells() {}

    /** Whether a cell, as text, is one of the missing-value tokens. */
    public static boolean isMissing(String cell) {
        return TOKENS.contains(cell.trim().toLowerCase(Locale.ROOT));
    }

    /** Whether a cell is a finite decimal number, as the CSV reader decides a column is numeric. */
    public static boolean isNumber(String cell) {
        String s = cell.trim();
        return DECIMAL.matcher(s).matches() && Double.isFinite(Double.parseDouble(s));
    }
}
