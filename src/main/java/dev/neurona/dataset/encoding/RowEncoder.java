package dev.neurona.dataset.encoding;

import dev.neurona.dataset.format.MissingCells;
import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prediction rows (JSON objects or arrays) to network input with a model's {@link TabularEncoding}. A cell means
 * what it meant in the uploaded file: the same missing-value tokens, numbers also as numeric text. Keys the model
 * does not use (the label, ignored columns, anything else) are not looked at.
 */
final class RowEncoder {

    private static final int MAX_PROBLEMS = 50;
    private static final int LISTED = 30;

    private final TabularEncoding encoding;
    private final List<FieldProblem> problems = new ArrayList<>();

    private RowEncoder(TabularEncoding encoding) {
        this.encoding = encoding;
    }

    static EncodedRows encode(TabularEncoding encoding, List<?> rows) {
        return new RowEncoder(encoding).encode(rows);
    }

    private EncodedRows encode(List<?> rows) {
        int width = encoding.width();
        float[] out = new float[rows.size() * width];
        List<List<RowNote>> notes = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<RowNote> rowNotes = new ArrayList<>();
            notes.add(rowNotes);
            if (problems.size() >= MAX_PROBLEMS) {
                continue;
            }
            Map<String, Object> row = cells(rows.get(r), "rows[" + r + "]");
            if (row == null) {
                continue;
            }
            int offset = 0;
            for (TabularEncoding.Feature f : encoding.features()) {
                if (problems.size() >= MAX_PROBLEMS) {
                    break; // a wide table of wrong rows would otherwise answer with thousands of problems
                }
                String path = "rows[" + r + "]." + f.name();
                encodeCell(f, row, path, out, r * width + offset, rowNotes);
                offset += f.width();
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Invalid rows", problems);
        }
        return new EncodedRows(out, notes);
    }

    /** The row as column → value; an array is read in the model's input order or in the file's column order. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> cells(Object row, String path) {
        if (row instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        if (!(row instanceof List<?> values)) {
            problems.add(new FieldProblem(
                    path,
                    "must be an object of column: value, or an array of values in column order; got " + describe(row)));
            return null;
        }
        List<String> inputs =
                encoding.features().stream().map(TabularEncoding.Feature::name).toList();
        List<String> names;
        if (values.size() == inputs.size()) {
            names = inputs;
        } else if (!encoding.columns().isEmpty()
                && values.size() == encoding.columns().size()) {
            names = encoding.columns();
        } else {
            String expected = inputs.size() + " values, the model's input columns in order (" + listed(inputs) + ")"
                    + (encoding.columns().isEmpty()
                            ? ""
                            : ", or " + encoding.columns().size() + " values, every column of the file in order ("
                                    + listed(encoding.columns()) + ")");
            problems.add(new FieldProblem(path, "an array of " + values.size() + " values; expected " + expected));
            return null;
        }
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            map.put(names.get(i), values.get(i));
        }
        return map;
    }

    private void encodeCell(
            TabularEncoding.Feature f, Map<String, Object> row, String path, float[] out, int at, List<RowNote> notes) {
        if (!row.containsKey(f.name())) {
            problems.add(new FieldProblem(
                    path,
                    "missing: every row needs the column '" + f.name() + "'"
                            + (encoding.imputeMissing() ? " (send null or \"NA\" for a missing value)" : "")));
            return;
        }
        Object value = row.get(f.name());
        if (value == null || (value instanceof String s && MissingCells.isMissing(s))) {
            missing(f, value, path, out, at);
            return;
        }
        if ("numeric".equals(f.type())) {
            Double number = number(value);
            if (number == null) {
                problems.add(new FieldProblem(path, "expected a number, got " + describe(value)));
                return;
            }
            out[at] = (float) ((number - f.mean()) / f.std());
            return;
        }
        String category = categoryText(value);
        if (category == null) {
            problems.add(new FieldProblem(path, "expected a category (text), got " + describe(value)));
            return;
        }
        int index = f.categories().indexOf(category);
        if (index >= 0) {
            out[at + index] = 1f;
        } else if (UnknownCategories.ERROR.equals(encoding.unknownCategories())) {
            problems.add(new FieldProblem(
                    path, "unknown category " + describe(value) + " (unknownCategories=error); known: " + known(f)));
        } else {
            notes.add(new RowNote(
                    path, "unknown category " + describe(value) + "; encoded as all zeros (unknownCategories=ignore)"));
        }
    }

    /** Missing: imputed as in training (numeric: the mean, which standardises to 0), or refused. */
    private void missing(TabularEncoding.Feature f, Object value, String path, float[] out, int at) {
        if (!encoding.imputeMissing()) {
            problems.add(new FieldProblem(
                    path,
                    "is missing (" + (value == null ? "null" : describe(value)) + "); this model was trained "
                            + "without imputation, so every input column needs a value. To predict rows with "
                            + "missing values, upload the table with missingValues=impute and train again"));
            return;
        }
        if ("categorical".equals(f.type()) && f.fill() != null) {
            int index = f.categories().indexOf(f.fill());
            if (index >= 0) {
                out[at + index] = 1f;
            }
        }
    }

    /** A finite number, also written as text as the file would hold it ("5.1"); null otherwise. */
    private static Double number(Object value) {
        if (value instanceof Number n && Double.isFinite(n.doubleValue())) {
            return n.doubleValue();
        }
        if (value instanceof String s && MissingCells.isNumber(s)) {
            return Double.parseDouble(s.trim());
        }
        return null;
    }

    private static String known(TabularEncoding.Feature f) {
        return listed(f.categories());
    }

    private static String listed(List<String> names) {
        return names.size() <= LISTED
                ? String.join(", ", names)
                : String.join(", ", names.subList(0, LISTED)) + ", … (" + (names.size() - LISTED) + " more)";
    }

    private static String categoryText(Object value) {
        if (value instanceof String s) {
            return s.trim();
        }
        if (value instanceof Number n
                && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) < 1e15) {
            return String.valueOf(n.longValue());
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        return null;
    }

    static String describe(Object value) {
        if (value instanceof String s) {
            return "\"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "an array";
        }
        return String.valueOf(value);
    }
}
