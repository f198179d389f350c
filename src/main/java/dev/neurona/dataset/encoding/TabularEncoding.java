package dev.neurona.dataset.encoding;

import dev.neurona.dataset.CategoricalColumn;
import dev.neurona.dataset.Column;
import dev.neurona.dataset.NumericColumn;
import dev.neurona.dataset.Table;
import dev.neurona.dataset.Task;
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
 * @param unknownCategories what a prediction does with a category unseen in training: {@code ignore} (all zeros,
 *                       noted in the answer) or {@code error}; models saved before the choice existed read as
 *                       {@code ignore}
 * @param columns        every column of the uploaded file in order, so a prediction row may be an array of the
 *                       whole file's row; empty for models saved before arrays were accepted
 * @param ignoredColumns columns the upload marked as no feature (ids, names, free text)
 */
public record TabularEncoding(
        List<Feature> features,
        String label,
        Task task,
        List<String> classes,
        Double targetMean,
        Double targetStd,
        boolean imputeMissing,
        String unknownCategories,
        List<String> columns,
        List<String> ignoredColumns)
        implements Preprocessing {

    public TabularEncoding {
        String policy = UnknownCategories.parse(unknownCategories);
        unknownCategories = policy == null ? UnknownCategories.IGNORE : policy;
        columns = columns == null ? List.of() : List.copyOf(columns);
        ignoredColumns = ignoredColumns == null ? List.of() : List.copyOf(ignoredColumns);
    }

    /** An encoding without the prediction choices: unknown categories ignored, arrays only in input order. */
    public TabularEncoding(
            List<Feature> features,
            String label,
            Task task,
            List<String> classes,
            Double targetMean,
            Double targetStd,
            boolean imputeMissing) {
        this(features, label, task, classes, targetMean, targetStd, imputeMissing, null, null, null);
    }

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
        return fit(train, label, task, classes, imputeMissing, List.of(), UnknownCategories.IGNORE);
    }

    /** Fits on the training split; the ignored columns become no feature. */
    public static TabularEncoding fit(
            Table train,
            String label,
            Task task,
            List<String> classes,
            boolean imputeMissing,
            List<String> ignoredColumns,
            String unknownCategories) {
        List<Feature> features = new ArrayList<>();
        for (Column column : train.columns()) {
            if (column.name().equals(label) || ignoredColumns.contains(column.name())) {
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
                imputeMissing,
                unknownCategories,
                train.columns().stream().map(Column::name).toList(),
                ignoredColumns);
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
     * zeros here whatever the policy: test rows may hold them legitimately.
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
     * Encodes the rows of a prediction request, each an object of column → value or an array in the model's input
     * order or the file's column order. Every problem is collected with its {@code rows[i].column} path.
     */
    public EncodedRows encodeRows(List<?> rows) {
        return RowEncoder.encode(this, rows);
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
