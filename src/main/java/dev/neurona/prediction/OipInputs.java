package dev.neurona.prediction;

import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.platform.problem.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What each kind of model takes over the Open Inference Protocol, as metadata and as the {@link PredictionRequest}
 * the tensors become: the tensors are only re-arranged into the rows or images of the JSON API, so the same
 * preprocessing and the same forward pass answer both, and the answers are equal.
 *
 * <p>A table model takes one tensor per input column, named as the column, shape [-1] (or [-1, 1]): numbers for
 * numeric columns, BYTES strings for categorical ones (integers and booleans too, for categories such as 0/1). Or,
 * instead, a single tensor {@value #ALL_COLUMNS} of shape [-1, columns] holding the raw values of each row in the
 * order of the metadata's inputs, the shape a generic client sends; values raw, not standardised or one-hot
 * encoded: the encoding is the model's, fitted on its training split, and a client cannot be expected to repeat it.
 *
 * <p>An image model (digits, doodles, image folders) takes one tensor {@value #ALL_COLUMNS} of pixel values 0–255,
 * shape [-1, H, W] for grey models, [-1, C, H, W], or flat [-1, C·H·W], prepared like the {@code images} of the
 * JSON API.
 */
final class OipInputs {

    private OipInputs() {}

    /** The one tensor of an image model, and a table model's alternative to one tensor per column. */
    static final String ALL_COLUMNS = "input-0";

    private static final Set<String> CATEGORY_TYPES =
            Set.of("BYTES", "BOOL", "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64");

    static List<OipResponse.TensorMetadata> metadata(TabularEncoding encoding) {
        return encoding.features().stream()
                .map(f -> new OipResponse.TensorMetadata(
                        f.name(), "numeric".equals(f.type()) ? "FP32" : "BYTES", List.of(-1L)))
                .toList();
    }

    static List<OipResponse.TensorMetadata> metadata(ImageEncoding encoding) {
        List<Integer> s = encoding.inputShape();
        List<Long> shape = s.get(0) == 1
                ? List.of(-1L, (long) s.get(1), (long) s.get(2))
                : List.of(-1L, (long) s.get(0), (long) s.get(1), (long) s.get(2));
        return List.of(new OipResponse.TensorMetadata(ALL_COLUMNS, "FP32", shape));
    }

    /** The alternative input of a table model, for the metadata's parameters. */
    static Map<String, Object> alternatives(TabularEncoding encoding) {
        if (encoding.features().stream().anyMatch(f -> f.name().equals(ALL_COLUMNS))) {
            return Map.of();
        }
        return Map.of(
                "alternative_input",
                ALL_COLUMNS + " FP32 [-1, " + encoding.features().size()
                        + "]: instead of one input per column, each row's raw values in the order of inputs");
    }

    /** Table rows as the JSON API takes them: one object per row, or one array per row for {@value #ALL_COLUMNS}. */
    static PredictionRequest rows(TabularEncoding encoding, List<OipTensors.Tensor> inputs) {
        Map<String, TabularEncoding.Feature> features = new LinkedHashMap<>();
        encoding.features().forEach(f -> features.put(f.name(), f));
        if (inputs.size() == 1 && inputs.get(0).name().equals(ALL_COLUMNS) && !features.containsKey(ALL_COLUMNS)) {
            OipTensors.Tensor t = inputs.get(0);
            if (t.shape().size() != 2 || !(OipTensors.NUMBERS.contains(t.datatype()) || "BYTES".equals(t.datatype()))) {
                throw new InvalidInputException(
                        "inputs[0]",
                        "input '" + ALL_COLUMNS + "' is a numeric (or BYTES) tensor [rows, " + features.size()
                                + "] of raw values in the order " + String.join(", ", features.keySet())
                                + "; was " + t.datatype() + " " + t.shape());
            }
            List<Object> rows = new ArrayList<>();
            for (int r = 0; r < batch(t); r++) {
                rows.add(t.row(r));
            }
            return new PredictionRequest(rows, null, null, null, null);
        }
        long batch = -1;
        for (int i = 0; i < inputs.size(); i++) {
            OipTensors.Tensor t = inputs.get(i);
            String field = "inputs[" + i + "]";
            TabularEncoding.Feature f = features.get(t.name());
            if (f == null) {
                throw new InvalidInputException(
                        field,
                        "unknown input '" + t.name() + "'; this model's inputs are " + quoted(features.keySet())
                                + (features.containsKey(ALL_COLUMNS) ? "" : ", or " + ALL_COLUMNS + " alone"));
            }
            boolean numeric = "numeric".equals(f.type());
            if (numeric ? !OipTensors.NUMBERS.contains(t.datatype()) : !CATEGORY_TYPES.contains(t.datatype())) {
                throw new InvalidInputException(
                        field,
                        "input '" + t.name() + "' is a "
                                + (numeric
                                        ? "numeric column: FP32, FP64 or an integer"
                                        : "categorical column: BYTES (strings), an integer or BOOL")
                                + " datatype, not " + t.datatype());
            }
            if (t.shape().size() > 2 || (t.shape().size() == 2 && t.shape().get(1) != 1)) {
                throw new InvalidInputException(
                        field,
                        "input '" + t.name() + "' has one value per row: shape [rows] or [rows, 1], not " + t.shape());
            }
            if (batch >= 0 && t.batch() != batch) {
                throw new InvalidInputException(
                        field, "input '" + t.name() + "' has " + t.batch() + " rows, the inputs before it " + batch);
            }
            batch = t.batch();
        }
        List<String> missing = features.keySet().stream()
                .filter(name -> inputs.stream().noneMatch(t -> t.name().equals(name)))
                .toList();
        if (!missing.isEmpty()) {
            throw new InvalidInputException("inputs", "missing input " + quoted(missing));
        }
        List<Object> rows = new ArrayList<>();
        for (int r = 0; r < batch(inputs.get(0)); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (OipTensors.Tensor t : inputs) {
                row.put(t.name(), t.values().get(r));
            }
            rows.add(row);
        }
        return new PredictionRequest(rows, null, null, null, null);
    }

    /** Images as the JSON API takes them: each one's pixel values, C·H·W flat. */
    static PredictionRequest images(ImageEncoding encoding, List<OipTensors.Tensor> inputs) {
        for (int i = 0; i < inputs.size(); i++) {
            if (!inputs.get(i).name().equals(ALL_COLUMNS)) {
                throw new InvalidInputException(
                        "inputs[" + i + "]",
                        "unknown input '" + inputs.get(i).name() + "'; this model's one input is " + ALL_COLUMNS);
            }
        }
        OipTensors.Tensor t = inputs.get(0);
        List<Integer> s = encoding.inputShape();
        List<Long> shape = t.shape();
        long pixels = (long) s.get(0) * s.get(1) * s.get(2);
        boolean fits = shape.equals(List.of(shape.get(0), (long) s.get(0), (long) s.get(1), (long) s.get(2)))
                || (s.get(0) == 1 && shape.equals(List.of(shape.get(0), (long) s.get(1), (long) s.get(2))))
                || shape.equals(List.of(shape.get(0), pixels));
        if (!fits || !OipTensors.NUMBERS.contains(t.datatype())) {
            throw new InvalidInputException(
                    "inputs[0]",
                    "input '" + ALL_COLUMNS + "' is a numeric tensor (FP32, UINT8…) of pixel values 0–255, shape "
                            + (s.get(0) == 1 ? "[n, " + s.get(1) + ", " + s.get(2) + "], " : "")
                            + "[n, " + s.get(0) + ", " + s.get(1) + ", " + s.get(2) + "] or [n, " + pixels
                            + "]; was " + t.datatype() + " " + shape);
        }
        List<List<Object>> images = new ArrayList<>();
        for (int r = 0; r < batch(t); r++) {
            images.add(t.row(r));
        }
        return new PredictionRequest(null, images, null, null, null);
    }

    /** The batch size, refused when zero: the JSON API's own message would speak of rows or images. */
    private static int batch(OipTensors.Tensor t) {
        if (t.batch() == 0) {
            throw new InvalidInputException("inputs", "input '" + t.name() + "' is empty: a batch of 0");
        }
        if (t.values().isEmpty()) {
            // a 0 in another dimension would let any batch size pass the element count, and make that many rows
            throw new InvalidInputException(
                    "inputs", "input '" + t.name() + "' holds no values: its shape " + t.shape() + " has a size of 0");
        }
        // now the batch is at most the element count, which fits an int
        return (int) t.batch();
    }

    private static String quoted(java.util.Collection<String> names) {
        return names.stream().map(n -> "'" + n + "'").collect(Collectors.joining(", "));
    }
}
