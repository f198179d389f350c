package dev.neurona.dataset.encoding;

import dev.neurona.dataset.CategoricalColumn;
import dev.neurona.dataset.Column;
import dev.neurona.dataset.NumericColumn;
import dev.neurona.dataset.Table;
import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.FieldProblem;
import dev.neurona.platform.problem.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How table rows become the network's input: numeric features standardised with training-split statistics,
 * categorical ones one-hot over the training vocabulary, regression targets standardised too. Fitted once on the
 * training split, stored with the model, and applied identically to validation, test and prediction rows.
 *
 * @param features       input columns in file order
 * @param label          the label column
 * @param task           classification or regression
 * @param classes        class names in output order (classification)
 * @param targetMean     training mean of the target (regression)
 * @param targetStd      training standard deviation of the target (regression)
 * @param imputeMissing  missing cells are filled (numeric: training mean; categorical: most frequent) instead of
 *                       refused
 */
public record TabularEncoding(
        List<Feature> features,
        String label,
        Task task,
        List<String> classes,
        Double targetMean,
        Double targetStd,
        boolean imputeMissing)
        implements Preprocessing {

    /**
     * @param type       {@code numeric} or {@code categorical}
     * @param mean       training mean (numeric)
     * @param std        training population standard deviation, 1 when the column is constant (numeric)
     * @param categories training vocabulary, sorted (categorical)
     * @param fill       most frequent training category, used when imputing (categorical)
     */
    public record Feature(String name, String type, Double mean, Double std, List<String> categories, String fill) {

        int width() {
            return "numeric".equals(type) ? 1 : categories.size();
        }
    }

    public static TabularEncoding fit(
            Table train, String label, Task task, List<String> classes, boolean imputeMissing) {
        List<Feature> features = new ArrayList<>();
        for (Column column : train.columns()) {
            if (column.name().equals(label)) {
                continue;
            }
            if (column instanceof NumericColumn n) {
                double[] ms = meanStd(n.values());
                features.add(new Feature(n.name(), "numeric", ms[0], ms[1] > 1e-12 ? ms[1] : 1.0, null, null));
            } else {
                Map<String, Integer> counts = new TreeMap<>();
                for (String v : ((CategoricalColumn) column).values()) {
                    if (v != null) {
                        counts.merge(v, 1, Integer::sum);
                    }
                }
                String fill = counts.entrySet().stream()
                        .max(Map.Entry.comparingByValue())
                        .map(Map.Entry::getKey)
                        .orElse(null);
                features.add(new Feature(column.name(), "categorical", null, null, List.copyOf(counts.keySet()), fill));
            }
        }
        Double targetMean = null;
        Double targetStd = null;
        if (task == Task.REGRESSION) {
            double[] ms = meanStd(((NumericColumn) train.column(label)).values());
            targetMean = ms[0];
            targetStd = ms[1] > 1e-12 ? ms[1] : 1.0;
        }
        return new TabularEncoding(
                List.copyOf(features),
                label,
                task,
                classes == null ? List.of() : classes,
                targetMean,
                targetStd,
                imputeMissing);
    }

    /** Width of one encoded row. */
    public int width() {
        return features.stream().mapToInt(Feature::width).sum();
    }

    @Override
    public List<Integer> inputShape() {
        return List.of(width());
    }

    /**
     * Encodes every row of a table (row-major, {@code rows × width}). Categories unseen in training encode as all
     * zeros here: test rows may hold them legitimately; prediction requests are refused instead.
     */
    public float[] encode(Table table) {
        int width = width();
        int n = table.rowCount();
        float[] out = new float[n * width];
        int offset = 0;
        for (Feature f : features) {
            Column column = table.column(f.name());
            for (int r = 0; r < n; r++) {
                if (column instanceof NumericColumn num) {
                    double v = num.values()[r];
                    out[r * width + offset] = Double.isNaN(v) ? 0f : (float) ((v - f.mean()) / f.std());
                } else {
                    String v = ((CategoricalColumn) column).values()[r];
                    int index = f.categories().indexOf(v == null ? f.fill() : v);
                    if (index >= 0) {
                        out[r * width + offset + index] = 1f;
                    }
                }
            }
            offset += f.width();
        }
        return out;
    }

    /** Class index (classification) or standardised target (regression) of every row. */
    public float[] targets(Table table) {
        Column column = table.column(label);
        float[] out = new float[table.rowCount()];
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classes.size(); i++) {
            index.put(classes.get(i), i);
        }
        for (int r = 0; r < out.length; r++) {
            if (task == Task.CLASSIFICATION) {
                out[r] = index.get(((CategoricalColumn) column).values()[r]);
            } else {
                out[r] = (float) ((((NumericColumn) column).values()[r] - targetMean) / targetStd);
            }
        }
        return out;
    }

    @Override
    public double decodeTarget(double standardised) {
        return standardised * targetStd + targetMean;
    }

    /**
     * Encodes JSON rows from a prediction request. Every problem (missing column, wrong type, unknown category) is
     * collected with its {@code rows[i].column} path.
     */
    public float[] encodeRows(List<Map<String, Object>> rows) {
        int width = width();
        float[] out = new float[rows.size() * width];
        List<FieldProblem> problems = new ArrayList<>();
        for (int r = 0; r < rows.size() && problems.size() < 50; r++) {
            Map<String, Object> row = rows.get(r);
            if (row == null) {
                problems.add(new FieldProblem("rows[" + r + "]", "must be an object of column: value"));
                continue;
            }
            int offset = 0;
            for (Feature f : features) {
                String path = "rows[" + r + "]." + f.name();
                encodeCell(f, row, path, out, r * width + offset, problems);
                offset += f.width();
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException("Invalid rows", problems);
        }
        return out;
    }

    private void encodeCell(
            Feature f, Map<String, Object> row, String path, float[] out, int at, List<FieldProblem> problems) {
        if (!row.containsKey(f.name())) {
            problems.add(new FieldProblem(path, "missing: every row needs the column '" + f.name() + "'"));
            return;
        }
        Object value = row.get(f.name());
        if (value == null && !imputeMissing) {
            problems.add(new FieldProblem(
                    path, "is null; this model was trained without imputation, so every " + "value is required"));
            return;
        }
        if ("numeric".equals(f.type())) {
            if (value == null) {
                return; // the training mean, which standardises to 0
            }
            if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
                problems.add(new FieldProblem(path, "expected a number, got " + describe(value)));
                return;
            }
            out[at] = (float) ((number.doubleValue() - f.mean()) / f.std());
            return;
        }
        String category = value == null ? f.fill() : categoryText(value);
        int index = category == null ? -1 : f.categories().indexOf(category);
        if (index < 0) {
            problems.add(new FieldProblem(
                    path, "unknown category " + describe(value) + "; known: " + String.join(", ", f.categories())));
            return;
        }
        out[at + index] = 1f;
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

    private static String describe(Object value) {
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

    /** Mean and population standard deviation, ignoring NaN. */
    private static double[] meanStd(double[] values) {
        double sum = 0;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double sq = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sq += (v - mean) * (v - mean);
            }
        }
        return new double[] {mean, n == 0 ? 0 : Math.sqrt(sq / n)};
    }
}
