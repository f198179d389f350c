package dev.neurona.model;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
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
        ModelExports.Export export = exports.export(ref, version, format);
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
