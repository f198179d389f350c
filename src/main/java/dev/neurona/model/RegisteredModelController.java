package dev.neurona.model;

import dev.neurona.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/registered-models")
@Tag(
        name = "Registered models",
        description = "Names whose versions (1, 2, 3…) are trained models; aliases such as champion point at a version")
class RegisteredModelController {

    private final RegisteredModels registered;

    RegisteredModelController(RegisteredModels registered) {
        this.registered = registered;
    }

    @GetMapping
    @Operation(summary = "List registered models by name, with their latest version and aliases")
    List<RegisteredModel> list(
            @RequestParam(defaultValue = "0") @Parameter(description = "items to skip") @Min(0) int offset,
            @RequestParam(defaultValue = Paging.DEFAULT_LIMIT)
                    @Parameter(description = "most items, 1–1000")
                    @Min(1) @Max(Paging.MAX_LIMIT) int limit) {
        return Paging.page(registered.list(), offset, limit);
    }

    @GetMapping("/{name}")
    @Operation(summary = "A registered model: description, tags, aliases, and its versions newest first")
    @ApiResponse(responseCode = "404", description = "no registered model with that name")
    RegisteredModel get(@PathVariable @Parameter(description = "case-insensitive") String name) {
        return registered.get(name);
    }

    @PatchMapping("/{name}")
    @Operation(
            summary = "Change a registered model's description and/or tags",
            description = "A given description replaces the old one (\"\" clears it); given tags replace all tags.")
    RegisteredModel update(@PathVariable String name, @RequestBody RegisteredModelChange change) {
        return registered.update(name, change.description(), change.tags());
    }

    @DeleteMapping("/{name}")
    @Operation(summary = "Delete a registered model: every version (records and stored files) and every alias")
    ResponseEntity<Void> delete(@PathVariable String name) {
        registered.delete(name);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/{name}/versions/{version}")
    @Operation(summary = "One version: the model record (spec, preprocessing, metrics, artifacts)")
    ModelRecord version(@PathVariable String name, @PathVariable int version) {
        return registered.version(name, version);
    }

    @DeleteMapping("/{name}/versions/{version}")
    @Operation(
            summary = "Delete one version (its record and stored files); its number is never given out again",
            description = "Refused with 409 while an alias points at it: move or delete the alias first.")
    @ApiResponse(responseCode = "409", description = "an alias points at this version")
    ResponseEntity<Void> deleteVersion(@PathVariable String name, @PathVariable int version) {
        registered.deleteVersion(name, version);
        return ResponseEntity.noContent().build();
    }

    @PutMapping("/{name}/aliases/{alias}")
    @Operation(
            summary = "Point an alias (champion, staging…) at a version, creating or moving it in one step",
            description = "Predictions for name@alias resolve the alias once per request: each one is answered "
                    + "entirely by the version the alias named when it arrived.")
    @ApiResponse(responseCode = "404", description = "no such registered model or version")
    RegisteredModel putAlias(@PathVariable String name, @PathVariable String alias, @RequestBody AliasTarget target) {
        return registered.putAlias(name, alias, target.version());
    }

    @DeleteMapping("/{name}/aliases/{alias}")
    @Operation(summary = "Delete an alias (the version stays)")
    ResponseEntity<Void> deleteAlias(@PathVariable String name, @PathVariable String alias) {
        registered.deleteAlias(name, alias);
        return ResponseEntity.noContent().build();
    }
}
