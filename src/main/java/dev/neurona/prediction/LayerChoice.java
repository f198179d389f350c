package dev.neurona.prediction;

import dev.neurona.platform.problem.InvalidInputException;
import dev.neurona.spec.LayerRow;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Which layer a request asks about: a layer's {@code name}, its 0-based index into {@code spec.layers} (the
 * {@code index} of the model's dry-run rows), or {@code "input"}, the preprocessed input the first layer takes
 * (standardised table columns, scaled pixels), for comparing a hidden layer with what went in.
 *
 * @param index the spec layer, or {@link LoadedModel#INPUT}
 * @param outputShape the layer's output with the batch as -1
 */
record LayerChoice(int index, String name, String type, List<Integer> outputShape) {

    static final String INPUT = "input";

    /** Values per input row. */
    long width() {
        long w = 1;
        for (int i = 1; i < outputShape.size(); i++) {
            w *= outputShape.get(i);
        }
        return w;
    }

    /** What the answers say about the layer: null index for the input. */
    LayerInfo info() {
        return new LayerInfo(index == LoadedModel.INPUT ? null : index, name, type, outputShape);
    }

    /** The layer as answers name it. */
    record LayerInfo(Integer index, String name, String type, List<Integer> outputShape) {}

    /**
     * @param asked a name or "input" (text), or an index (a JSON integer; text of digits as a query parameter)
     * @param rows the model's dry-run rows
     */
    static LayerChoice of(Object asked, String field, List<LayerRow> rows, List<Integer> inputShape) {
        if (asked == null || (asked instanceof String s && s.isBlank())) {
            throw new InvalidInputException(
                    field, "required: a layer's name, its 0-based index into spec.layers, or \"input\"");
        }
        if (asked instanceof String s) {
            String text = s.trim();
            if (text.equals(INPUT)) {
                List<Integer> shape = new ArrayList<>();
                shape.add(-1);
                shape.addAll(inputShape);
                return new LayerChoice(LoadedModel.INPUT, INPUT, "input", shape);
            }
            for (LayerRow row : rows) {
                if (text.equals(row.name())) {
                    return of(row);
                }
            }
            if (text.matches("-?[0-9]{1,18}")) {
                return byIndex(Long.parseLong(text), field, rows);
            }
            throw new InvalidInputException(field, "no layer named '" + shorten(text) + "'; " + known(rows));
        }
        if (asked instanceof Integer || asked instanceof Long || asked instanceof Short) {
            return byIndex(((Number) asked).longValue(), field, rows);
        }
        if (asked instanceof BigInteger) {
            return byIndex(Long.MAX_VALUE, field, rows);
        }
        throw new InvalidInputException(
                field, "a layer's name (text), its 0-based index (a whole number) or \"input\", was " + asked);
    }

    private static LayerChoice byIndex(long index, String field, List<LayerRow> rows) {
        if (index < 0 || index >= rows.size()) {
            throw new InvalidInputException(
                    field,
                    "index out of range: the model has " + rows.size() + " layers, 0 to " + (rows.size() - 1)
                            + (index == Long.MAX_VALUE ? "" : ", was " + index));
        }
        return of(rows.get((int) index));
    }

    private static LayerChoice of(LayerRow row) {
        return new LayerChoice(row.index(), row.name(), row.type(), row.outputShape());
    }

    private static String known(List<LayerRow> rows) {
        List<String> names =
                rows.stream().map(LayerRow::name).filter(Objects::nonNull).toList();
        String indices = "indices 0 to " + (rows.size() - 1) + " or \"input\"";
        if (names.isEmpty()) {
            return "the model's layers have no names: use " + indices;
        }
        String listed = names.size() <= 20
                ? String.join(", ", names)
                : String.join(", ", names.subList(0, 20)) + "… (" + names.size() + " names)";
        return "the named layers are " + listed + "; or " + indices;
    }

    private static String shorten(String s) {
        return s.length() <= 60 ? s : s.substring(0, 60) + "…";
    }
}
