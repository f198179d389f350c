package dev.neurona.prediction;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** The answers of the Open Inference Protocol v2 endpoints, named as the protocol names them. */
final class OipResponse {

    private OipResponse() {}

    /** The protocol's error body, which /v2 answers instead of problem+json ({@link OipErrors}). */
    @io.swagger.v3.oas.annotations.media.Schema(name = "OipError")
    record Error(String error) {}

    record ServerMetadata(String name, String version, List<String> extensions) {}

    record Live(boolean live) {}

    record Ready(boolean ready) {}

    record ModelReady(String name, boolean ready) {}

    /** {@code shape} uses -1 for the batch dimension. */
    record TensorMetadata(String name, String datatype, List<Long> shape) {}

    /**
     * @param parameters not in the protocol's metadata object, which clients ignore: how else the model may be fed
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record ModelMetadata(
            String name,
            List<String> versions,
            String platform,
            List<TensorMetadata> inputs,
            List<TensorMetadata> outputs,
            Map<String, Object> parameters) {}

    /** {@code data} flat in row-major order. */
    record Tensor(String name, String datatype, List<Long> shape, List<?> data) {}

    /**
     * @param parameters {@code notes}: what was done to cells instead of refusing them (a category unseen in
     *                   training encoded as all zeros), as the JSON API's per-row notes; absent when nothing
     */
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record Inference(
            @JsonProperty("model_name") String modelName,
            @JsonProperty("model_version") String modelVersion,
            String id,
            Map<String, Object> parameters,
            List<Tensor> outputs) {}
}
