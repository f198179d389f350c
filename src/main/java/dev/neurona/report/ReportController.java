package dev.neurona.report;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models/{ref}")
@Tag(name = "Models")
class ReportController {

    private static final String PNG_EXAMPLE = "(binary PNG)";
    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";
    private static final String CELL_EXAMPLE =
            """
            {"modelId": "02a6477b-a5c2-422d-a4f8-23141f21261d", "datasetId": "0b230171-58c1-4a66-b495-0910029d2531",
             "trueClass": "versicolor", "predictedClass": "virginica", "count": 2, "offset": 0,
             "datasetAvailable": true,
             "samples": [
               {"index": 77, "row": {"sepal length (cm)": 6.7, "sepal width (cm)": 3.0, "petal length (cm)": 5.0,
                                     "petal width (cm)": 1.7, "species": "versicolor"},
                "probabilities": {"setosa": 0.0003, "versicolor": 0.2968, "virginica": 0.7029}},
               {"index": 83, "row": {"sepal length (cm)": 6.0, "sepal width (cm)": 2.7, "petal length (cm)": 5.1,
                                     "petal width (cm)": 1.6, "species": "versicolor"},
                "probabilities": {"setosa": 0.0011, "versicolor": 0.4120, "virginica": 0.5869}}]}""";

    private final ReportService service;

    ReportController(ReportService service) {
        this.service = service;
    }

    @GetMapping(value = "/charts/loss.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(
            summary = "Training curves as a PNG: training and validation per epoch",
            description = "Two panels by default, sharing the epoch axis: the loss, and the accuracy "
                    + "(classification) or the MAE in the target's units (regression). `metric` draws one of them "
                    + "alone. Validation curves appear when the job had a validation split.")
    @ApiResponse(
            responseCode = "200",
            description = "the chart",
            content =
                    @Content(
                            mediaType = MediaType.IMAGE_PNG_VALUE,
                            schema = @Schema(type = "string", format = "binary"),
                            examples = @ExampleObject(name = "png", value = PNG_EXAMPLE)))
    @ApiResponse(
            responseCode = "400",
            description = "`metric` is unknown or not recorded for this model's task, or "
                    + "`width`/`height` is outside 200–2000",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(
            responseCode = "404",
            description = "unknown model, or no recorded history",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    ResponseEntity<byte[]> curves(
            @PathVariable @Parameter(description = "a model id, a registered model's name, or name@alias") String ref,
            @RequestParam(required = false)
                    @Parameter(
                            description = "one panel only; default: loss and accuracy (or MAE)",
                            schema = @Schema(allowableValues = {"loss", "accuracy", "mae"}))
                    String metric,
            @RequestParam(required = false)
                    @Parameter(description = "pixels, 200–2000; default 800")
                    @Min(200) @Max(2000) Integer width,
            @RequestParam(required = false)
                    @Parameter(description = "pixels, 200–2000; default 640 for two panels, 380 for one")
                    @Min(200) @Max(2000) Integer height) {
        return png(service.curves(ref, metric, width, height));
    }

    @GetMapping(value = "/charts/reconstructions.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(
            summary = "An autoencoder's test reconstructions as a PNG",
            description = "Image models: up to 10 test images (the first of each class), each as it is, as a "
                    + "denoising autoencoder's noise or masking corrupts it in training (when it has any), and as "
                    + "reconstructed, with its class and score (its reconstruction error in the training loss's measure). "
                    + "Table models: a histogram of the test rows' scores with the anomaly threshold. Drawn when the "
                    + "model was trained and stored with it.")
    @ApiResponse(
            responseCode = "200",
            description = "the chart",
            content =
                    @Content(
                            mediaType = MediaType.IMAGE_PNG_VALUE,
                            schema = @Schema(type = "string", format = "binary"),
                            examples = @ExampleObject(name = "png", value = PNG_EXAMPLE)))
    @ApiResponse(
            responseCode = "404",
            description = "unknown model, a model that is no autoencoder (trained without spec.task reconstruction), "
                    + "or an autoencoder trained without a test split",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    ResponseEntity<byte[]> reconstructions(
            @PathVariable @Parameter(description = "a model id, a registered model's name, or name@alias") String ref) {
        return png(service.reconstructions(ref));
    }

    @GetMapping(value = "/charts/confusion.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(
            summary = "The test confusion matrix as a PNG heat map",
            description = "Rows are the true classes (the first on top), columns the predicted ones, both in the "
                    + "model's class order and named. Each cell shows its count and is coloured by its share of the "
                    + "true class's rows (white 0 to dark blue 1), so the mistakes of a rare class stand out as much "
                    + "as a common one's. Counts are left out when there are so many classes that the cells are "
                    + "tiny.")
    @ApiResponse(
            responseCode = "200",
            description = "the heat map",
            content =
                    @Content(
                            mediaType = MediaType.IMAGE_PNG_VALUE,
                            schema = @Schema(type = "string", format = "binary"),
                            examples = @ExampleObject(name = "png", value = PNG_EXAMPLE)))
    @ApiResponse(
            responseCode = "404",
            description = "unknown model, a regression model, or one trained without a " + "test split",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    ResponseEntity<byte[]> confusion(
            @PathVariable @Parameter(description = "a model id, a registered model's name, or name@alias") String ref) {
        return png(service.confusion(ref));
    }

    @GetMapping(
            value = "/misclassified",
            produces = {MediaType.APPLICATION_JSON_VALUE, MediaType.IMAGE_PNG_VALUE})
    @Operation(
            summary = "The test rows in one confusion-matrix cell: true class X predicted as Y",
            description = "The rows the model put in one cell of its test confusion matrix (`true` = `predicted` "
                    + "gives the rows it got right), the most confident predictions first, with every class's "
                    + "probability. Table models: each row as column → value, as GET /api/v1/datasets/{id}/samples "
                    + "shows it. Image models: each image as a base64 PNG, or with `Accept: image/png` one PNG grid "
                    + "of enlarged thumbnails captioned with the image index and the predicted class's "
                    + "probability. `count` is the cell's count in the confusion matrix; page with `offset`.")
    @ApiResponse(
            responseCode = "200",
            description = "the cell's rows",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON_VALUE,
                        schema = @Schema(implementation = ConfusionCell.class),
                        examples = @ExampleObject(name = "iris", value = CELL_EXAMPLE)),
                @Content(mediaType = MediaType.IMAGE_PNG_VALUE, schema = @Schema(type = "string", format = "binary"))
            })
    @ApiResponse(
            responseCode = "400",
            description = "`true` or `predicted` is not one of the model's classes "
                    + "(the error names the parameter and lists the classes), or `offset`/`limit` is out of range",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(
            responseCode = "404",
            description = "unknown model, a regression model, or one without stored "
                    + "test predictions (trained without a test split or by an earlier version)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(
            responseCode = "406",
            description = "a PNG asked of a model trained on a table",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    ResponseEntity<?> misclassified(
            @PathVariable @Parameter(description = "a model id, a registered model's name, or name@alias") String ref,
            @RequestParam("true") @Parameter(description = "true class name", example = "versicolor") String trueClass,
            @RequestParam("predicted") @Parameter(description = "predicted class name", example = "virginica")
                    String predictedClass,
            @RequestParam(defaultValue = "0") @Parameter(description = "rows of the cell to skip") @Min(0) int offset,
            @RequestParam(defaultValue = "20")
                    @Parameter(description = "most rows to return, 1–100")
                    @Min(1) @Max(ReportService.MAX_SAMPLES) int limit,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false)
                    @Parameter(
                            description = "image/png for a grid of thumbnails (image models); JSON otherwise",
                            example = "application/json")
                    String accept) {
        if (wantsPng(accept)) {
            return png(service.cellPng(ref, trueClass, predictedClass, offset, limit));
        }
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_JSON)
                .body(service.cell(ref, trueClass, predictedClass, offset, limit));
    }

    /** PNG only when the client prefers it to JSON; a wildcard (curl, browsers) gets JSON. */
    static boolean wantsPng(String accept) {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> types;
        try {
            types = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
        types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
        for (MediaType type : types) {
            if (type.includes(MediaType.APPLICATION_JSON)) {
                return false;
            }
            if (type.includes(MediaType.IMAGE_PNG)) {
                return true;
            }
        }
        return false;
    }

    private static ResponseEntity<byte[]> png(byte[] png) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(png);
    }
}
