package dev.neurona.model;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models")
class ModelSchemaController {

    static final String PATH = "/api/v1/models/{ref}/openapi.json";

    private final ModelSchemas schemas;

    ModelSchemaController(ModelSchemas schemas) {
        this.schemas = schemas;
    }

    @GetMapping(
            path = {"/{ref}/openapi.json", "/{ref}/versions/{version}/openapi.json"},
            produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "The model's own OpenAPI 3 document: how to predict with this one model",
            description = "Its prediction URL; a request schema naming every input column with its type, the "
                    + "training categories and whether a cell may be missing (table models), or the image shape, "
                    + "pixel range, drawing format and picture upload (image models); a response schema with the "
                    + "class names; and a ready-to-send example built from the model's training statistics. Load it "
                    + "into any OpenAPI tool to get a client for the model.")
    @ApiResponse(
            responseCode = "200",
            description = "an OpenAPI 3.0 document",
            content = @Content(schema = @Schema(type = "object", description = "OpenAPI 3.0 document")))
    String openApi(
            @PathVariable @Parameter(description = "a model id, a registered model's name, or name@alias") String ref,
            @PathVariable(required = false) @Parameter(description = "a version of the registered model named by ref")
                    Integer version) {
        return schemas.openApi(ref, version);
    }
}
