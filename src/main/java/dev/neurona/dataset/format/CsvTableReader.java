package dev.neurona.dataset.format;

import dev.neurona.dataset.CategoricalColumn;
import dev.neurona.dataset.Column;
import dev.neurona.dataset.NumericColumn;
import dev.neurona.dataset.Table;
import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.DomainException;
import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Turns an uploaded CSV into a typed {@link Table}. Every problem with the upload becomes an
 * {@link DomainException} worded for a student, naming the physical line of the file where possible.
 */
public final class CsvTableReader {

    /** Integer-valued numeric labels with at most this many values are treated as class codes. */
    static final int MAX_INFERRED_CLASSES = 20;

    // Double.parseDouble also takes "1d", "0x1p3" and "Infinity"; such cells are codes or text, not numbers.
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private CsvTableReader() {}

    public static CsvResult read(byte[] bytes, CsvOptions options) {
        String text = CsvText.decode(bytes);
        if (text.isBlank()) {
            throw new InvalidInputException("file", "the file is empty");
        }
        char separator = options.separator() != null
                ? CsvText.checkSeparator(options.separator())
                : CsvText.detectSeparator(text);
        CsvText.Parsed parsed = CsvText.parse(text, separator);
        String[] header = parsed.header();
        int labelIndex = labelIndex(header, options.labelColumn());
        int[] kept = keptRows(parsed, labelIndex, options.missing());
        int dropped = parsed.rows().size() - kept.length;

        List<Column> columns = new ArrayList<>(header.length);
        Task task = null;
        List<String> classes = List.of();
        for (int c = 0; c < header.length; c++) {
            String[] cells = new String[kept.length];
            for (int i = 0; i < kept.length; i++) {
                cells[i] = parsed.rows().get(kept[i])[c];
            }
            if (c != labelIndex) {
                columns.add(isNumeric(cells) ? numeric(header[c], cells) : new CategoricalColumn(header[c], cells));
                continue;
            }
            task = options.task() != null ? options.task() : inferTask(cells);
            if (task == Task.REGRESSION) {
                columns.add(regressionLabel(header[c], cells));
            } else {
                CategoricalColumn label = classificationLabel(header[c], cells);
                classes = sortedClasses(label.values(), isNumeric(cells));
                if (classes.size() < 2) {
                    throw new InvalidInputException(
                            "labelColumn",
                            "classification needs at least 2 classes, but column '" + header[c] + "' only holds "
                                    + (classes.isEmpty() ? "no values" : "'" + classes.get(0) + "'"));
                }
                columns.add(label);
            }
        }
        return new CsvResult(new Table(columns), separator, header[labelIndex], task, dropped, classes);
    }

    private static int labelIndex(String[] header, String labelColumn) {
        if (labelColumn == null || labelColumn.isBlank()) {
            return header.length - 1;
        }
        String wanted = labelColumn.trim();
        for (int c = 0; c < header.length; c++) {
            if (header[c].equals(wanted)) {
                return c;
            }
        }
        List<String> names = Arrays.asList(header);
        String listed = names.size() <= 30
                ? String.join(", ", names)
                : String.join(", ", names.subList(0, 30)) + ", … (" + (names.size() - 30) + " more)";
        throw new InvalidInputException("labelColumn", "no column '" + wanted + "'; columns are: " + listed);
    }

    /** Indexes of the rows that survive the missing-value policy; rows without a label never survive. */
    private static int[] keptRows(CsvText.Parsed parsed, int labelIndex, MissingPolicy policy) {
        String[] header = parsed.header();
        int[] missing = new int[header.length];
        int[] firstLine = new int[header.length];
        int[] kept = new int[parsed.rows().size()];
        int keptCount = 0;
        for (int r = 0; r < parsed.rows().size(); r++) {
            String[] cells = parsed.rows().get(r);
            boolean complete = true;
            for (int c = 0; c < cells.length; c++) {
                if (cells[c] == null) {
                    complete = false;
                    if (missing[c]++ == 0) {
                        firstLine[c] = parsed.lines().get(r);
                    }
                }
            }
            boolean keep = policy == MissingPolicy.IMPUTE ? cells[labelIndex] != null : complete;
            if (keep) {
                kept[keptCount++] = r;
            }
        }
        if (policy == MissingPolicy.ERROR && keptCount < kept.length) {
            List<FieldProblem> problems = new ArrayList<>();
            for (int c = 0; c < header.length; c++) {
                if (missing[c] > 0) {
                    problems.add(new FieldProblem(
                            "file",
                            "column '" + header[c] + "'"
                                    + (c == labelIndex ? " (the label)" : "") + ": " + missing[c]
                                    + (missing[c] == 1 ? " row has" : " rows have") + " missing values (first at line "
                                    + firstLine[c] + "); upload with missingValues=drop or missingValues=impute"
                                    + (c == labelIndex ? " (rows without a label are dropped, never imputed)" : "")));
                }
            }
            throw new InvalidInputException("Missing values", problems);
        }
        if (keptCount < 2) {
            int dropped = kept.length - keptCount;
            throw new InvalidInputException(
                    "file",
                    dropped == 0
                            ? "the file has only 1 data row; at least 2 are needed"
                            : "only " + keptCount + " row" + (keptCount == 1 ? "" : "s") + " remain after dropping "
                                    + dropped + " with missing values; at least 2 are needed");
        }
        return Arrays.copyOf(kept, keptCount);
    }

    private static boolean isNumber(String cell) {
        return DECIMAL.matcher(cell).matches() && Double.isFinite(Double.parseDouble(cell));
    }

    /** Numeric when every present cell is a finite decimal number; an all-missing column counts as numeric. */
    private static boolean isNumeric(String[] cells) {
        for (String cell : cells) {
            if (cell != null && !isNumber(cell)) {
                return false;
            }
        }
        return true;
    }

    private static NumericColumn numeric(String name, String[] cells) {
        double[] values = new double[cells.length];
        for (int i = 0; i < cells.length; i++) {
            values[i] = cells[i] == null ? Double.NaN : Double.parseDouble(cells[i]);
        }
        return new NumericColumn(name, values);
    }

    private static Task inferTask(String[] labels) {
        if (!isNumeric(labels)) {
            return Task.CLASSIFICATION;
        }
        Set<Double> distinct = new HashSet<>();
        for (String cell : labels) {
            double v = Double.parseDouble(cell);
            if (v != Math.rint(v) || (distinct.add(v + 0.0) && distinct.size() > MAX_INFERRED_CLASSES)) {
                return Task.REGRESSION;
            }
        }
        return Task.CLASSIFICATION;
    }

    private static NumericColumn regressionLabel(String name, String[] labels) {
        for (String cell : labels) {
            if (!isNumber(cell)) {
                throw new InvalidInputException(
                        "task",
                        "regression needs a numeric label column; '" + name + "' holds text such as '" + cell + "'");
            }
        }
        return numeric(name, labels);
    }

    /** Numeric class codes are rewritten canonically so "1", "1.0" and "1e0" name the same class. */
    private static CategoricalColumn classificationLabel(String name, String[] labels) {
        if (!isNumeric(labels)) {
            return new CategoricalColumn(name, labels);
        }
        Map<String, String> canonical = new HashMap<>();
        String[] out = new String[labels.length];
        for (int i = 0; i < labels.length; i++) {
            out[i] = canonical.computeIfAbsent(labels[i], CsvTableReader::canonicalNumber);
        }
        return new CategoricalColumn(name, out);
    }

    private static String canonicalNumber(String cell) {
        double v = Double.parseDouble(cell);
        return BigDecimal.valueOf(v == 0 ? 0.0 : v).stripTrailingZeros().toPlainString();
    }

    private static List<String> sortedClasses(String[] labels, boolean numeric) {
        Comparator<String> order =
                numeric ? Comparator.comparingDouble(Double::parseDouble) : Comparator.naturalOrder();
        Set<String> classes = new TreeSet<>(order);
        classes.addAll(Arrays.asList(labels));
        return List.copyOf(classes);
    }
}
