package dev.neurona.prediction;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Open Inference Protocol v2 (KServe, Triton) over REST, so existing inference clients can use the models.
 * Errors are {@code {"error": "…"}} here, as the protocol wants ({@link OipErrors}).
 */
@RestController
@Tag(
        name = "Open Inference Protocol v2",
        description = "KServe/Triton-compatible metadata, health and inference (see docs/api.md)")
@ApiResponse(
        responseCode = "400",
        description = "a bad tensor or body",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = OipResponse.Error.class)))
@ApiResponse(
        responseCode = "404",
        description = "no such model or version",
        content = @Content(mediaType = "application/json", schema = @Schema(implementation = OipResponse.Error.class)))
class OipController {

    static final String NAME = "the model: its id, a registered model's name, or name@alias";
    static final String VERSION = "a version of the registered model: 1, 2, 3…";

    private final OipService service;

    OipController(OipService service) {
        this.service = service;
    }

    @GetMapping("/v2")
    @Operation(summary = "Server metadata: name, version, extensions")
    OipResponse.ServerMetadata server() {
        return service.server();
    }

    @GetMapping("/v2/health/live")
    @Operation(summary = "Server live: 200 while the service can answer, else 503")
    ResponseEntity<OipResponse.Live> live() {
        boolean live = service.live();
        return ResponseEntity.status(live ? 200 : 503).body(new OipResponse.Live(live));
    }

    @GetMapping("/v2/health/ready")
    @Operation(summary = "Server ready: 200 while the service takes requests, else 503")
    ResponseEntity<OipResponse.Ready> ready() {
        boolean ready = service.ready();
        return ResponseEntity.status(ready ? 200 : 503).body(new OipResponse.Ready(ready));
    }

    @GetMapping({"/v2/models/{name}", "/v2/models/{name}/versions/{version}"})
    @Operation(
            summary = "Model metadata: inputs and outputs with name, datatype and shape (-1: the batch dimension)",
            description = "Table models: one input per column (numeric FP32, categorical BYTES), or the single "
                    + "input-0 [-1, columns] named under parameters.alternative_input. Image models: input-0, "
                    + "pixel values 0–255. Outputs: label (BYTES) and probabilities (FP32 [-1, classes]); "
                    + "score for hinge/perceptron models; value (FP64) for regression.")
    OipResponse.ModelMetadata metadata(
            @PathVariable @Parameter(description = NAME) String name,
            @PathVariable(required = false) @Parameter(description = VERSION) String version) {
        return service.metadata(name, version);
    }

    @GetMapping({"/v2/models/{name}/ready", "/v2/models/{name}/versions/{version}/ready"})
    @Operation(summary = "Model ready: 200 {name, ready: true} for a stored model, 404 for an unknown one")
    OipResponse.ModelReady modelReady(
            @PathVariable @Parameter(description = NAME) String name,
            @PathVariable(required = false) @Parameter(description = VERSION) String version) {
        return service.modelReady(name, version);
    }

    @PostMapping({"/v2/models/{name}/infer", "/v2/models/{name}/versions/{version}/infer"})
    @Operation(
            summary = "Inference: input tensors in, output tensors out",
            description = "The tensors go through the same preprocessing and forward pass as /api/v1 predictions, "
                    + "as one batch, so the answers are equal. Bad tensors (datatype, shape against data, unknown "
                    + "or missing inputs) are 400 {\"error\": \"…\"}; an unknown model 404.")
    OipResponse.Inference infer(
            @PathVariable @Parameter(description = NAME) String name,
            @PathVariable(required = false) @Parameter(description = VERSION) String version,
            @RequestBody OipRequest request) {
        return service.infer(name, version, request);
    }
}
