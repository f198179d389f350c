package dev.neurona.prediction;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * An Open Inference Protocol v2 inference request ({@code $inference_request}). Shapes and data are bound loosely
 * (numbers, nested lists) and checked by {@link OipTensors}, so a bad tensor is answered with what is wrong with it
 * rather than with a binding error.
 */
@Schema(
        name = "OipInferenceRequest",
        example =
                """
        {"id": "42", "inputs": [{"name": "input-0", "shape": [1, 4], "datatype": "FP32",
                                 "data": [[5.1, 3.5, 1.4, 0.2]]}]}""")
record OipRequest(
        @Schema(description = "returned as is in the response") String id,
        @Schema(description = "accepted and ignored: no request parameter changes a prediction")
                Map<String, Object> parameters,
        @Schema(description = "the input tensors; see the model's metadata for their names") List<Input> inputs,
        @Schema(description = "the outputs wanted, by name; all of them when absent") List<Output> outputs) {

    /**
     * @param shape    the full shape, batch dimension first
     * @param datatype FP32, FP64, INT8…INT64, UINT8…UINT64, BOOL or BYTES
     * @param data     the elements in row-major order, flat or nested
     */
    @Schema(name = "OipInputTensor")
    record Input(
            String name,
            @Schema(type = "array", example = "[1, 4]") List<Object> shape,
            String datatype,
            Map<String, Object> parameters,
            @Schema(types = {"array"}) Object data) {}

    @Schema(name = "OipRequestedOutput")
    record Output(String name, Map<String, Object> parameters) {}
}
