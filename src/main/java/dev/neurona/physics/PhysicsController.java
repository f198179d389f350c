package dev.neurona.physics;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models/{ref}")
@Tag(name = "Models")
class PhysicsController {

    private static final String PROBLEM = "application/problem+json";
    private static final String PROBLEM_SCHEMA = "#/components/schemas/Problem";

    private final PhysicsReport report;

    PhysicsController(PhysicsReport report) {
        this.report = report;
    }

    @GetMapping(value = "/charts/physics.png", produces = MediaType.IMAGE_PNG_VALUE)
    @Operation(
            summary = "A physics-informed model's solution as a PNG heat map beside the exact one",
            description = "Three panels over a 100 × 100 grid of [0, 1]², x to the right and t upwards: the "
                    + "network's φ(x, t) (answered as a prediction of rows {x, t} is), the exact solution "
                    + "sin(2π(x − ut)), and |error|; the title gives the maximum and mean |error|. See "
                    + "docs/physics.md.")
    @ApiResponse(
            responseCode = "200",
            description = "the chart",
            content =
                    @Content(
                            mediaType = MediaType.IMAGE_PNG_VALUE,
                            schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(
            responseCode = "404",
            description = "unknown model",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    @ApiResponse(
            responseCode = "409",
            description = "the model was not trained with spec.physics",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = PROBLEM_SCHEMA)))
    ResponseEntity<byte[]> heatMap(
            @PathVariable @Parameter(description = "a model id, a registered model's name, or name@alias") String ref) {
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG).body(report.heatMap(ref));
    }
}
