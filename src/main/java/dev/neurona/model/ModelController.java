package dev.neurona.model;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/models")
@Tag(name = "Models", description = "Trained models: spec, preprocessing, class names, test metrics, artifacts")
class ModelController {

    private final ModelRegistry registry;

    ModelController(ModelRegistry registry) {
        this.registry = registry;
    }

    @GetMapping
    @Operation(summary = "List trained models, newest first")
    List<ModelRecord> list() {
        return registry.list();
    }

    @GetMapping("/{id}")
    @Operation(summary = "A trained model with its resolved spec, preprocessing, metrics and artifact checksums")
    ModelRecord get(@PathVariable UUID id) {
        return registry.get(id);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a model and its stored parameters")
    ResponseEntity<Void> delete(@PathVariable UUID id) {
        registry.delete(id);
        return ResponseEntity.noContent().build();
    }
}
