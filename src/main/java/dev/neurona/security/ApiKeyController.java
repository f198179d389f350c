package dev.neurona.security;

import dev.neurona.platform.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/keys")
@Tag(name = "API keys", description = "Admin only: create keys with a role and expiry, list them, revoke them")
class ApiKeyController {

    private final ApiKeyService keys;

    ApiKeyController(ApiKeyService keys) {
        this.keys = keys;
    }

    @PostMapping
    @Operation(summary = "Create a key; its secret is in this answer only (store it now)")
    ResponseEntity<ApiKey> create(@RequestBody NewApiKey request) {
        ApiKey key = keys.create(request);
        return ResponseEntity.created(URI.create("/api/v1/keys/" + key.id())).body(key);
    }

    @GetMapping
    @Operation(summary = "All keys, without their secrets")
    List<ApiKey> list(
            @RequestParam(defaultValue = "0") @Parameter(description = "items to skip") @Min(0) int offset,
            @RequestParam(defaultValue = Paging.DEFAULT_LIMIT)
                    @Parameter(description = "most items, 1–1000")
                    @Min(1) @Max(Paging.MAX_LIMIT) int limit) {
        return Paging.page(keys.list(), offset, limit);
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Revoke a key: it stops working at once")
    ResponseEntity<Void> revoke(@PathVariable UUID id) {
        keys.revoke(id);
        return ResponseEntity.noContent().build();
    }
}
