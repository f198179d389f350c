package dev.neurona.model;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models")
class ModelExportController {

    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    /** A two-layer iris classifier as the Keras export writes it (the layers' long configs shortened to one). */
    static final String KERAS_EXAMPLE =
            """
            {"module": "keras", "class_name": "Sequential", "config": {"name": "iris", "trainable": true,
              "dtype": "float32", "layers": [
                {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 4],
                  "dtype": "float32", "sparse": false, "name": "input_layer"}, "registered_name": null},
                {"module": "keras.layers", "class_name": "Dense", "config": {"name": "dense", "trainable": true,
                  "dtype": "float32", "units": 3, "activation": "softmax", "use_bias": true,
                  "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform",
                    "config": {"seed": null}, "registered_name": null},
                  "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {},
                    "registered_name": null},
                  "kernel_regularizer": null, "bias_regularizer": null, "kernel_constraint": null,
                  "bias_constraint": null},
                  "registered_name": null, "build_config": {"input_shape": [null, 4]}}],
              "build_input_shape": [null, 4]},
             "registered_name": null, "build_config": {"input_shape": [null, 4]},
             "compile_config": {"optimizer": {"module": "keras.optimizers", "class_name": "Adam", "config": {
                 "name": "adam", "learning_rate": 0.001, "weight_decay": null, "clipnorm": null,
                 "global_clipnorm": null, "clipvalue": null, "use_ema": false, "ema_momentum": 0.99,
                 "ema_overwrite_frequency": null, "loss_scale_factor": null, "gradient_accumulation_steps": null,
                 "beta_1": 0.9, "beta_2": 0.999, "epsilon": 1e-7, "amsgrad": false}, "registered_name": null},
               "loss": "categorical_crossentropy", "loss_weights": null, "metrics": ["accuracy"],
               "weighted_metrics": null, "run_eagerly": false, "steps_per_execution": 1, "jit_compile": false}}
            """;

    private final ModelExports exports;

    ModelExportController(ModelExports exports) {
        this.exports = exports;
    }

    @GetMapping({"/{ref}/export", "/{ref}/versions/{version}/export"})
    @Operation(
            summary = "Download a model to run elsewhere",
            description = "format=onnx: an ONNX model (opset 13) holding the preprocessing, the network and the "
                    + "output head; see docs/api.md for its inputs and outputs. 409 names a layer that cannot be "
                    + "exported.")
    @ApiResponse(
            responseCode = "200",
            description = "the model file, as an attachment",
            content = @Content(mediaType = "application/onnx", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(
            responseCode = "400",
            description = "`format` is neither onnx nor neurona",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(
            responseCode = "404",
            description = "unknown model",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(
            responseCode = "409",
            description = "a layer has no ONNX translation (the problem names it), or the stored parameters are "
                    + "corrupted",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    ResponseEntity<byte[]> export(
            @PathVariable
                    @Parameter(
                            description = "a model id, a registered model's name (its newest version), or name@alias")
                    String ref,
            @PathVariable(required = false)
                    @Parameter(description = "a version of the registered model named by ref: 1, 2, 3…")
                    Integer version,
            @RequestParam(defaultValue = "onnx") @Parameter(description = ModelExports.FORMATS) String format) {
        return attachment(exports.export(ref, version, format));
    }

    @GetMapping({"/{ref}/keras.json", "/{ref}/versions/{version}/keras.json"})
    @Operation(
            summary = "Download a model's architecture for Keras",
            description = "The model as Keras 3's model.to_json() writes it: a Sequential for a stack of layers, a "
                    + "Functional model for a graph, channels-last shapes, and the compile settings (loss, optimizer "
                    + "with its learning rate, metrics). keras.models.model_from_json() rebuilds it, untrained: "
                    + "no weights are included. 409 names a layer Keras has no counterpart for (maxout) or a "
                    + "perceptron-mode model. See docs/keras.md.")
    @ApiResponse(
            responseCode = "200",
            description = "the Keras JSON, as an attachment named <model name>.keras.json",
            content =
                    @Content(
                            mediaType = "application/json",
                            schema = @Schema(type = "object", description = "Keras 3 model config"),
                            examples = @ExampleObject(name = "an iris classifier", value = KERAS_EXAMPLE)))
    @ApiResponse(
            responseCode = "404",
            description = "unknown model",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(
            responseCode = "409",
            description = "a layer (or the perceptron mode) has no Keras counterpart; the problem names it "
                    + "(spec.layers[i] or spec.mode) and says why",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    ResponseEntity<byte[]> keras(
            @PathVariable
                    @Parameter(
                            description = "a model id, a registered model's name (its newest version), or name@alias")
                    String ref,
            @PathVariable(required = false)
                    @Parameter(description = "a version of the registered model named by ref: 1, 2, 3…")
                    Integer version) {
        return attachment(exports.keras(ref, version));
    }

    private static ResponseEntity<byte[]> attachment(ModelExports.Export export) {
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(export.mediaType()))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment()
                                .filename(export.fileName())
                                .build()
                                .toString())
                .body(export.bytes());
    }
}
