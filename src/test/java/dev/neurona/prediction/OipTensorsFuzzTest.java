package dev.neurona.prediction;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.neurona.dataset.Task;
import dev.neurona.dataset.encoding.ImageEncoding;
import dev.neurona.dataset.encoding.TabularEncoding;
import dev.neurona.platform.problem.DomainException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The tensors of an Open Inference Protocol request, built by the fuzzer as Jackson would bind them (names, shapes of
 * any numbers, datatypes, flat or nested data of any JSON value), become the rows of a table model and the images
 * of an image model, or are refused with a 400 naming the input. The request record is what the controller binds,
 * so anything thrown here other than a domain exception would reach the client as a 500.
 */
class OipTensorsFuzzTest {

    private static final TabularEncoding TABLE = new TabularEncoding(
            List.of(
                    new TabularEncoding.Feature("x1", "numeric", 0.0, 1.0, null, null),
                    new TabularEncoding.Feature("color", "categorical", null, null, List.of("red", "blue"), null)),
            "y",
            Task.CLASSIFICATION,
            List.of("a", "b"),
            null,
            null,
            false,
            null,
            null,
            null);
    private static final ImageEncoding GREY =
            new ImageEncoding(List.of(1, 3, 2), List.of("0", "1"), null, null, "mnist", null);
    private static final ImageEncoding COLOUR =
            new ImageEncoding(List.of(3, 2, 2), List.of("0", "1"), null, null, "resize", null);

    private static final List<String> NAMES = List.of(OipInputs.ALL_COLUMNS, "x1", "color", "", " ", "other");
    private static final List<String> DATATYPES = List.of(
            "FP32", "FP64", "INT8", "INT16", "INT32", "INT64", "UINT8", "UINT16", "UINT32", "UINT64", "BOOL", "BYTES",
            "FP16", "fp32", "");

    @FuzzTest
    void becomesModelInputOrIsRefused(FuzzedDataProvider data) {
        List<OipRequest.Input> inputs = new ArrayList<>();
        int count = data.consumeInt(0, 3);
        for (int i = 0; i < count; i++) {
            inputs.add(data.consumeBoolean() ? input(data) : null);
        }
        List<OipTensors.Tensor> tensors;
        try {
            tensors = OipTensors.read(inputs);
        } catch (DomainException refused) {
            return;
        }
        for (Object encoding : List.of(TABLE, GREY, COLOUR)) {
            try {
                PredictionRequest request = encoding instanceof TabularEncoding t
                        ? OipInputs.rows(t, tensors)
                        : OipInputs.images((ImageEncoding) encoding, tensors);
                if (request.rows() == null && request.images() == null) {
                    throw new AssertionError("neither rows nor images from " + tensors);
                }
            } catch (DomainException refused) {
                // the contract: a 400 naming the input, answered as {"error"}
            }
        }
    }

    private static OipRequest.Input input(FuzzedDataProvider data) {
        String name = data.consumeBoolean() ? data.pickValue(NAMES) : data.consumeString(8);
        String datatype = data.consumeBoolean() ? data.pickValue(DATATYPES) : null;
        List<Object> shape = null;
        if (data.consumeBoolean()) {
            shape = new ArrayList<>();
            int dims = data.consumeInt(0, 5);
            for (int d = 0; d < dims; d++) {
                shape.add(dimension(data));
            }
        }
        Object values = data.consumeBoolean() ? value(data, 0) : null;
        Map<String, Object> parameters = data.consumeBoolean() ? Map.of("binary_data_size", 4) : null;
        return new OipRequest.Input(name, shape, datatype, parameters, values);
    }

    /** Mostly small sizes the data can fill; sometimes what JSON can also hold. */
    private static Object dimension(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 5)) {
            case 0 -> data.consumeLong();
            case 1 -> data.consumeDouble();
            case 2 -> "2";
            default -> data.consumeInt(-1, 6);
        };
    }

    /** A JSON value as Jackson binds it to {@code Object}: lists, maps, numbers of any width, strings, booleans. */
    private static Object value(FuzzedDataProvider data, int depth) {
        int kind = data.consumeInt(0, depth < 4 ? 9 : 7);
        return switch (kind) {
            case 0 -> null;
            case 1 -> data.consumeBoolean();
            case 2 -> data.consumeString(6);
            case 3 -> data.consumeLong();
            case 4 -> data.consumeDouble();
            case 5 -> BigInteger.valueOf(data.consumeLong()).shiftLeft(data.consumeInt(0, 70));
            case 6 -> Map.of("k", data.consumeInt());
            case 7 -> data.consumeInt(-300, 300);
            default -> {
                List<Object> list = new ArrayList<>();
                int n = data.consumeInt(0, 12);
                for (int i = 0; i < n && data.remainingBytes() > 0; i++) {
                    list.add(value(data, depth + 1));
                }
                yield list;
            }
        };
    }
}
