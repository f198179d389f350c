package dev.neurona.dataset;

/** A numeric column; {@code NaN} marks a missing cell. */
public record NumericColumn(String name, double[] values) implements Column {

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return Double.isNaN(values[row]);
    }

    @Override
    public NumericColumn select(int[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new NumericColumn(name, out);
    }
}
