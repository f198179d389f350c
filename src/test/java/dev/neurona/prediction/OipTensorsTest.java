package dev.neurona.prediction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.neurona.platform.problem.InvalidInputException;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class OipTensorsTest {

    private static OipTensors.Tensor read(List<Object> shape, String datatype, Object data) {
        return OipTensors.read(new OipRequest.Input("t", shape, datatype, null, data), "inputs[0]");
    }

    private static String refusal(List<Object> shape, String datatype, Object data) {
        try {
            read(shape, datatype, data);
        } catch (InvalidInputException e) {
            return e.getMessage();
        }
        throw new AssertionError("accepted " + datatype + " " + shape + " " + data);
    }

    @Test
    void nestedAndFlatDataAreTheSameRowMajorElements() {
        OipTensors.Tensor nested = read(List.of(2, 3), "FP32", List.of(List.of(1, 2, 3), List.of(4, 5, 6)));
        OipTensors.Tensor flat = read(List.of(2, 3), "FP32", List.of(1, 2, 3, 4, 5, 6));
        assertThat(nested.values()).isEqualTo(flat.values());
        assertThat(nested.shape()).containsExactly(2L, 3L);
        assertThat(nested.row(1)).containsExactly(4, 5, 6);
    }

    @Test
    void integerTypesHoldOnlyWholeNumbersInTheirRange() {
        read(List.of(2), "INT8", List.of(-128, 127));
        read(List.of(2), "UINT8", List.of(0, 255));
        read(List.of(1), "UINT64", List.of(BigInteger.TWO.pow(64).subtract(BigInteger.ONE)));
        assertThat(refusal(List.of(1), "INT8", List.of(128))).contains("not a INT8 value");
        assertThat(refusal(List.of(1), "UINT8", List.of(-1))).contains("not a UINT8 value");
        assertThat(refusal(List.of(1), "INT64", List.of(BigInteger.TWO.pow(63))))
                .contains("INT64");
        assertThat(refusal(List.of(1), "INT32", List.of(1.5))).contains("the number 1.5");
        assertThat(refusal(List.of(1), "FP32", List.of(Double.POSITIVE_INFINITY)))
                .contains("FP32");
    }

    @Test
    void booleansAndStringsAreTheirOwnTypes() {
        read(List.of(1), "BOOL", List.of(true));
        read(List.of(1), "BYTES", List.of("red"));
        assertThat(refusal(List.of(1), "BOOL", List.of(1))).contains("not a BOOL value");
        assertThat(refusal(List.of(1), "BYTES", List.of(1))).contains("not a BYTES value");
        assertThat(refusal(List.of(1), "FP32", List.of("1"))).contains("the string \"1\"");
        assertThat(refusal(List.of(1), "FP32", Arrays.asList((Object) null))).contains("null");
    }

    @Test
    void theShapeMustHoldExactlyTheData() {
        assertThat(refusal(List.of(2, 2), "FP32", List.of(1, 2, 3))).contains("holds 4 elements, data has 3");
        assertThat(refusal(List.of(1), "FP32", List.of(1, 2))).contains("data has more");
        assertThat(refusal(List.of(1), "FP32", List.of(List.of(1)))).contains("nested deeper");
        assertThat(refusal(List.of(-1), "FP32", List.of(1))).contains("whole number ≥ 0");
        assertThat(refusal(List.of(1L << 40, 1L << 40), "FP32", List.of(1))).contains("too large");
        assertThat(refusal(List.of(), "FP32", List.of(1))).contains("shape is required");
        assertThat(refusal(List.of(1), "FP16", List.of(1))).contains("FP16 is not supported");
        assertThat(refusal(List.of(1), "FP32", null)).contains("data is required");
    }

    @Test
    void inputsAreRequiredAndNamedOnce() {
        OipRequest.Input a = new OipRequest.Input("a", List.of(1), "FP32", null, List.of(1));
        assertThatThrownBy(() -> OipTensors.read(List.of())).hasMessageContaining("at least one input");
        assertThatThrownBy(() -> OipTensors.read(List.of(a, a))).hasMessageContaining("given twice");
        assertThat(OipTensors.read(List.of(a))).hasSize(1);
    }

    @Test
    void aBatchOfRowsWithoutValuesIsRefusedRatherThanMade() {
        // found by OipTensorsFuzzTest: [2e9, 0] holds 0 elements, so the element count let it through
        OipTensors.Tensor empty = OipTensors.read(
                new OipRequest.Input(OipInputs.ALL_COLUMNS, List.of(2_000_000_000, 0), "FP32", null, List.of()),
                "inputs[0]");
        dev.neurona.dataset.encoding.TabularEncoding table = new dev.neurona.dataset.encoding.TabularEncoding(
                List.of(new dev.neurona.dataset.encoding.TabularEncoding.Feature("x", "numeric", 0.0, 1.0, null, null)),
                "y",
                dev.neurona.dataset.Task.REGRESSION,
                null,
                null,
                null,
                false,
                null,
                null,
                null);
        assertThatThrownBy(() -> OipInputs.rows(table, List.of(empty)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class,
                        e -> assertThat(e.errors().get(0).field()).isEqualTo("inputs"))
                .hasMessageContaining("holds no values: its shape [2000000000, 0] has a size of 0");
    }
}
