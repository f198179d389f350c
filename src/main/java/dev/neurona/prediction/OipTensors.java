package dev.neurona.prediction;

import dev.neurona.platform.problem.InvalidInputException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The tensors of an Open Inference Protocol request, checked against themselves before any model sees them: a known
 * datatype, a shape of non-negative sizes, as many elements as the shape holds, and every element of the datatype
 * (integers within the type's range, booleans, strings). Elements are kept as JSON gave them; what a model makes of
 * them is decided where its inputs are known ({@link OipInputs}).
 */
final class OipTensors {

    private OipTensors() {}

    static final Set<String> FLOATS = Set.of("FP32", "FP64");
    static final Set<String> NUMBERS =
            Set.of("FP32", "FP64", "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64");
    static final Set<String> DATATYPES = Set.of(
            "FP32", "FP64", "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64", "BOOL", "BYTES");

    /** Deeper than any shape this service takes; bounds the walk of a hostile body. */
    private static final int MAX_DEPTH = 8;

    /** One checked input: its shape and its elements flat, in row-major order. */
    record Tensor(String name, String datatype, List<Long> shape, List<Object> values) {

        long batch() {
            return shape.get(0);
        }

        /** The elements of row {@code r} of the batch dimension. */
        List<Object> row(int r) {
            int width = values.size() / (int) batch();
            return values.subList(r * width, (r + 1) * width);
        }
    }

    /** Every input, checked; at least one, names unique. */
    static List<Tensor> read(List<OipRequest.Input> inputs) {
        if (inputs == null || inputs.isEmpty()) {
            throw new InvalidInputException("inputs", "required: at least one input tensor");
        }
        List<Tensor> out = new ArrayList<>(inputs.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < inputs.size(); i++) {
            Tensor t = read(inputs.get(i), "inputs[" + i + "]");
            if (!names.add(t.name())) {
                throw new InvalidInputException("inputs[" + i + "]", "input '" + t.name() + "' is given twice");
            }
            out.add(t);
        }
        return out;
    }

    static Tensor read(OipRequest.Input input, String field) {
        if (input == null) {
            throw new InvalidInputException(field, "an input tensor is an object {name, shape, datatype, data}");
        }
        if (input.name() == null || input.name().isBlank()) {
            throw new InvalidInputException(field + ".name", "required");
        }
        String label = "input '" + input.name() + "'";
        String datatype = input.datatype();
        if (datatype == null) {
            throw new InvalidInputException(field + ".datatype", label + ": datatype is required");
        }
        if (!DATATYPES.contains(datatype)) {
            throw new InvalidInputException(
                    field + ".datatype",
                    label + ": datatype " + datatype + " is not supported; one of FP32, FP64, INT8…INT64, "
                            + "UINT8…UINT64, BOOL, BYTES");
        }
        List<Long> shape = shape(input.shape(), field + ".shape", label);
        long size = size(shape, field + ".shape", label);
        if (input.data() == null) {
            boolean binary = input.parameters() != null && input.parameters().containsKey("binary_data_size");
            throw new InvalidInputException(
                    field + ".data",
                    label + ": data is required"
                            + (binary ? " (the binary tensor data extension is not supported on this endpoint)" : ""));
        }
        List<Object> values = new ArrayList<>((int) Math.min(size, 1 << 16));
        flatten(input.data(), values, size, 0, field + ".data", label, shape);
        if (values.size() != size) {
            throw new InvalidInputException(
                    field + ".data",
                    label + ": shape " + shape + " holds " + size + " elements, data has " + values.size());
        }
        for (int i = 0; i < values.size(); i++) {
            values.set(i, element(values.get(i), datatype, field + ".data", label, i));
        }
        return new Tensor(input.name(), datatype, shape, values);
    }

    private static List<Long> shape(List<Object> raw, String field, String label) {
        if (raw == null || raw.isEmpty()) {
            throw new InvalidInputException(field, label + ": shape is required, the batch dimension first");
        }
        if (raw.size() > MAX_DEPTH) {
            throw new InvalidInputException(field, label + ": at most " + MAX_DEPTH + " dimensions");
        }
        List<Long> shape = new ArrayList<>(raw.size());
        for (Object d : raw) {
            if (!(d instanceof Integer || d instanceof Long) || ((Number) d).longValue() < 0) {
                throw new InvalidInputException(
                        field, label + ": every dimension must be a whole number ≥ 0, was " + d);
            }
            shape.add(((Number) d).longValue());
        }
        return List.copyOf(shape);
    }

    private static long size(List<Long> shape, String field, String label) {
        long size = 1;
        for (long d : shape) {
            try {
                size = Math.multiplyExact(size, d);
            } catch (ArithmeticException e) {
                throw new InvalidInputException(field, label + ": shape " + shape + " is too large");
            }
        }
        return size;
    }

    /** Flat or nested, row-major; stops as soon as there are more elements than the shape holds. */
    private static void flatten(
            Object data, List<Object> out, long size, int depth, String field, String label, List<Long> shape) {
        if (!(data instanceof List<?> list)) {
            out.add(data);
        } else {
            if (depth >= shape.size()) {
                throw new InvalidInputException(
                        field, label + ": data is nested deeper than its " + shape.size() + "-dimensional shape");
            }
            for (Object v : list) {
                flatten(v, out, size, depth + 1, field, label, shape);
            }
        }
        if (out.size() > size) {
            throw new InvalidInputException(
                    field, label + ": shape " + shape + " holds " + size + " elements, data has more");
        }
    }

    private static Object element(Object v, String datatype, String field, String label, int at) {
        boolean fits =
                switch (datatype) {
                    case "BYTES" -> v instanceof String;
                    case "BOOL" -> v instanceof Boolean;
                    case "FP32", "FP64" -> v instanceof Number n && Double.isFinite(n.doubleValue());
                    default -> v instanceof Number n && integral(n) && inRange(n, datatype);
                };
        if (!fits) {
            throw new InvalidInputException(
                    field, label + ": element " + at + " is " + describe(v) + ", not a " + datatype + " value");
        }
        return v;
    }

    private static boolean integral(Number n) {
        return n instanceof Integer
                || n instanceof Long
                || n instanceof BigInteger
                || n instanceof Short
                || n instanceof Byte;
    }

    private static boolean inRange(Number n, String datatype) {
        BigInteger v = n instanceof BigInteger b ? b : BigInteger.valueOf(n.longValue());
        boolean unsigned = datatype.startsWith("U");
        int bits = Integer.parseInt(datatype.substring(unsigned ? 4 : 3));
        BigInteger min =
                unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
        BigInteger max = unsigned
                ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        return v.compareTo(min) >= 0 && v.compareTo(max) <= 0;
    }

    private static String describe(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof String s) {
            return "the string \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (v instanceof Map) {
            return "an object";
        }
        return v instanceof Boolean ? "the boolean " + v : "the number " + v;
    }
}
