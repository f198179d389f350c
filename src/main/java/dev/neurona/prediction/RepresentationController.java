package dev.neurona.prediction;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping({"/api/v1/models/{ref}", "/api/v1/models/{ref}/versions/{version}"})
@Tag(name = "Representations", description = "Look inside a trained model: a layer's activations and their 2-D map")
class RepresentationController {

    private static final String LAYER = "a layer's name, its 0-based index into spec.layers (the dry-run row's "
            + "index), or \"input\" for the preprocessed input";
    private static final String LIMIT = "how many of the model's test rows (the first, in test order), 2–"
            + RepresentationService.MAX_POINTS + "; default " + RepresentationService.DEFAULT_POINTS
            + " or as many as the layer's size allows";

    private final RepresentationService service;

    RepresentationController(RepresentationService service) {
        this.service = service;
    }

    @PostMapping(value = "/activations", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "A layer's outputs for given inputs",
            description = "The inputs are read and preprocessed exactly as by POST …/predictions (`rows` for table "
                    + "models, `images` or `drawings` for image models). A layer's output is that of its last block: "
                    + "a dense or conv layer after its activation, except that the output layer of a classifier "
                    + "trained with cross-entropy gives its logits (the softmax/sigmoid is applied by the head, not "
                    + "the network). At most " + RepresentationService.MAX_ACTIVATION_VALUES
                    + " values per request (413 beyond).")
    @ApiResponse(
            responseCode = "400",
            description = "unknown layer name or index out of range, or inputs the model does not take",
            content = @Content(mediaType = "application/problem+json"))
    ActivationResponse activations(
            @PathVariable @Parameter(description = PredictionController.REF) String ref,
            @PathVariable(required = false) @Parameter(description = PredictionController.VERSION) Integer version,
            @RequestBody ActivationRequest request) {
        return service.activations(ref, version, request);
    }

    @GetMapping(value = "/representations", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "A layer's test-set activations projected to 2-D by PCA, one point per test row",
            description = "Classifiers trained with a test split: the layer's outputs for the model's test rows "
                    + "(the rows its test metrics used; their predicted class is the one stored with those metrics), "
                    + "flattened and projected on their first two principal components. `method=tsne` or `umap` "
                    + "is a 400: no maintained, permissively licensed Java implementation is on Maven Central.")
    RepresentationResponse representations(
            @PathVariable @Parameter(description = PredictionController.REF) String ref,
            @PathVariable(required = false) @Parameter(description = PredictionController.VERSION) Integer version,
            @RequestParam(required = false) @Parameter(description = LAYER, required = true) String layer,
            @RequestParam(defaultValue = "pca") @Parameter(description = "pca") String method,
            @RequestParam(required = false) @Parameter(description = LIMIT) Integer limit) {
        return service.representations(ref, version, layer, method, limit);
    }

    @GetMapping(value = "/charts/representations.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(
            summary = "The representation scatter as a PNG: PC1 against PC2, coloured by true class",
            description = "The points of GET …/representations, one colour (and past eight classes one marker "
                    + "shape) per true class from a colour-blind-friendly palette, the legend naming the classes, "
                    + "each axis with its share of the layer's variance.")
    @ApiResponse(
            responseCode = "200",
            description = "the scatter",
            content =
                    @Content(
                            mediaType = MediaType.IMAGE_PNG_VALUE,
                            schema = @Schema(type = "string", format = "binary")))
    ResponseEntity<byte[]> png(
            @PathVariable @Parameter(description = PredictionController.REF) String ref,
            @PathVariable(required = false) @Parameter(description = PredictionController.VERSION) Integer version,
            @RequestParam(required = false) @Parameter(description = LAYER, required = true) String layer,
            @RequestParam(defaultValue = "pca") @Parameter(description = "pca") String method,
            @RequestParam(required = false) @Parameter(description = LIMIT) Integer limit,
            @RequestParam(defaultValue = "800") @Parameter(description = "pixels, 200–2000") @Min(200) @Max(2000) int width,
            @RequestParam(defaultValue = "640") @Parameter(description = "pixels, 200–2000") @Min(200) @Max(2000) int height) {
        return ResponseEntity.ok()
                .contentType(MediaType.IMAGE_PNG)
                .body(service.png(ref, version, layer, method, limit, width, height));
    }
}
