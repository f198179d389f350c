package dev.neurona.model;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
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

    private final ModelExports exports;

    ModelExportController(ModelExports exports) {
        this.exports = exports;
    }

    @GetMapping("/{ref}/export")
    @Operation(
            summary = "Download a model to run elsewhere",
            description = "format=onnx: an ONNX model (opset 13) holding the preprocessing, the network and the "
                    + "output head; see docs/api.md for its inputs and outputs. 409 names a layer that cannot be "
                    + "exported.")
    ResponseEntity<byte[]> export(
            @PathVariable @Parameter(description = "model id") String ref,
            @RequestParam(defaultValue = "onnx") @Parameter(description = ModelExports.FORMATS) String format) {
        ModelExports.Export export = exports.export(ref, format);
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
