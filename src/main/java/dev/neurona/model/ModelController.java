package dev.neurona.model;

import dev.neurona.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models", description = "Trained models: spec, preprocessing, class names, test metrics, artifacts")
class ModelController {

    /** How a URL names a model (docs/api.md, "Model references"). */
    static final String REF = "a model id, a registered model's name (its newest version), or name@alias";

    private final ModelRegistry registry;

    ModelController(ModelRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    @Operation(summary = "List trained models, newest first")
    List<ModelRecord> list(
            @RequestParam(defaultValue = "0") @Parameter(description = "items to skip") @Min(0) int offset,
            @RequestParam(defaultValue = Paging.DEFAULT_LIMIT)
                    @Parameter(description = "most items, 1–1000")
                    @Min(1) @Max(Paging.MAX_LIMIT) int limit) {
        return Paging.page(registry.list(), offset, limit);
    }

    @GetMapping("/{ref}")
    @Operation(summary = "A trained model with its resolved spec, preprocessing, metrics and artifact checksums")
    ModelRecord get(@PathVariable @Parameter(description = REF) String ref) {
        return registry.get(ref);
    }

    @GetMapping("/{name}/versions/{version}")
    @Operation(summary = "One version of a registered model, as GET /api/v1/registered-models/{name}/versions/{n}")
    ModelRecord version(@PathVariable String name, @PathVariable int version) {
        return registry.get(name, version);
    }

    @DeleteMapping("/{ref}")
    @Operation(
            summary = "Delete a model and its stored parameters",
            description = "Refused with 409 while an alias points at it.")
    ResponseEntity<Void> delete(@PathVariable @Parameter(description = REF) String ref) {
        registry.delete(ref);
        return ResponseEntity.noContent().build();
    }
}
