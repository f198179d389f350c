package dev.neurona.keras;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.UUID;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/specs")
@Tag(name = "Keras", description = "Keras models in, Neurona specs out")
class KerasController {

    static final String PROBLEM = "#/components/schemas/Problem";

    /** A small Keras 3 Sequential model as model.to_json() writes it: 4 features, 8 relu units, 3 classes. */
    static final String EXAMPLE =
            """
            {"module": "keras", "class_name": "Sequential", "config": {"name": "sequential", "trainable": true,
              "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
                        "registered_name": null},
              "layers": [
                {"module": "keras.layers", "class_name": "InputLayer", "config": {"batch_shape": [null, 4],
                  "dtype": "float32", "sparse": false, "name": "input_layer"}, "registered_name": null},
                {"module": "keras.layers", "class_name": "Dense", "config": {"name": "hidden", "trainable": true,
                  "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
                            "registered_name": null},
                  "units": 8, "activation": "relu", "use_bias": true,
                  "kernel_initializer": {"module": "keras.initializers", "class_name": "HeNormal",
                                         "config": {"seed": null}, "registered_name": null},
                  "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {},
                                       "registered_name": null},
                  "kernel_regularizer": {"module": "keras.regularizers", "class_name": "L2",
                                         "config": {"l2": 0.0010000000474974513}, "registered_name": null},
                  "bias_regularizer": null, "kernel_constraint": null, "bias_constraint": null},
                  "registered_name": null, "build_config": {"input_shape": [null, 4]}},
                {"module": "keras.layers", "class_name": "Dense", "config": {"name": "output", "trainable": true,
                  "dtype": {"module": "keras", "class_name": "DTypePolicy", "config": {"name": "float32"},
                            "registered_name": null},
                  "units": 3, "activation": "softmax", "use_bias": true,
                  "kernel_initializer": {"module": "keras.initializers", "class_name": "GlorotUniform",
                                         "config": {"seed": null}, "registered_name": null},
                  "bias_initializer": {"module": "keras.initializers", "class_name": "Zeros", "config": {},
                                       "registered_name": null},
                  "kernel_regularizer": null, "bias_regularizer": null, "kernel_constraint": null,
                  "bias_constraint": null},
                  "registered_name": null, "build_config": {"input_shape": [null, 8]}}],
              "build_input_shape": [null, 4]},
             "registered_name": null, "build_config": {"input_shape": [null, 4]}}""";

    static final String ANSWER =
            """
            {"spec": {"layers": [
                {"type": "dense", "units": 8, "activation": "relu", "kernelInitializer": "he_normal",
                 "l2": 0.001, "name": "hidden"},
                {"type": "dense", "units": 3, "activation": "softmax", "name": "output"}]},
             "inputShape": [4],
             "layers": [
                {"index": 0, "type": "dense", "detail": "8 units, relu", "outputShape": [-1, 8], "parameters": 40,
                 "name": "hidden"},
                {"index": 1, "type": "dense", "detail": "3 units, softmax", "outputShape": [-1, 3],
                 "parameters": 27, "name": "output"}],
             "parameters": 67,
             "notes": [
                {"path": "$.config.layers[0].config.batch_shape", "note": "input of 4 features"},
                {"path": "$.config.layers[1].config.kernel_regularizer", "note": "translated to l2 = 0.001"},
                {"path": "$", "note": "to_json holds no loss, optimizer or training settings: …"}],
             "keras": {"version": 3, "model": "Sequential"}}""";

    private final KerasService service;

    KerasController(KerasService service) {
        this.service = service;
    }

    @PostMapping(path = "/import/keras", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Import a Keras model (model.to_json()) as a Neurona spec",
            description = "Takes the JSON Keras 2 or 3 writes for a Sequential or Functional model and answers the "
                    + "equivalent spec, its input shape (channels-first), the dry-run table on that input, and a note "
                    + "for every translated option, by its JSON path in the document. Whatever Neurona cannot do the "
                    + "same way (an unknown layer, use_bias false, data_format channels_first, an activation it "
                    + "lacks, shared layers…) is refused with 400 naming that path. With datasetId the spec is also "
                    + "checked against the dataset as a dry run would; a flat input of as many values as the "
                    + "dataset's images gets a flatten layer first. See docs/keras.md.",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = true,
                            description = "what model.to_json() returns",
                            content =
                                    @Content(
                                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                                            schema = @Schema(type = "object"),
                                            examples = @ExampleObject(name = "keras3-sequential", value = EXAMPLE))))
    @ApiResponse(
            responseCode = "200",
            description = "the spec",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON_VALUE,
                            schema = @Schema(implementation = KerasImportResult.class),
                            examples = @ExampleObject(name = "keras3-sequential", value = ANSWER)))
    @ApiResponse(
            responseCode = "400",
            description = "not JSON, not a Keras model, or something Neurona cannot import (the JSON path says where)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = PROBLEM)))
    KerasImportResult importKeras(
            @RequestBody String document,
            @RequestParam(required = false)
                    @Parameter(description = "check the spec against this dataset, as a dry run would")
                    UUID datasetId) {
        return service.importModel(document, datasetId);
    }
}
