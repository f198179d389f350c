package dev.neurona.dataset;

/** A text column holding categories; {@code null} marks a missing cell. */
public record CategoricalColumn(String name, String[] values) implements Column {

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public boolean isMissing(int row) {
        return values[row] == null;
    }

    @Override
    public CategoricalColumn select(int[] rows) {
        String[] out = new String[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = values[rows[i]];
        }
        return new CategoricalColumn(name, out);
    }
}
