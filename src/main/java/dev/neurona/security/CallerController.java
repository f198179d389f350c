package dev.neurona.security;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the caller is: the key's name and role, so a client (the Studio's sign-in) can check a key and show what it may
 * do without trying a write. Any valid key may ask; without one it is a 401 like every other API call.
 */
@RestController
@Tag(name = "API keys")
class CallerController {

    /** The calling key; {@code securityEnabled=false} (and role admin, no key) when keys are switched off. */
    record Caller(UUID keyId, String name, Role role, Instant expiresAt, boolean securityEnabled) {}

    private final ApiKeyService keys;

    CallerController(ApiKeyService keys) {
        this.keys = keys;
    }

    @GetMapping("/api/v1/me")
    @Operation(summary = "The calling API key: name, role and expiry (any role)")
    Caller me() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof Callers.KeyPrincipal principal)) {
            return new Caller(null, null, Role.ADMIN, null, false);
        }
        Instant expiresAt = keys.list().stream()
                .filter(key -> key.id().equals(principal.keyId()))
                .findFirst()
                .map(ApiKey::expiresAt)
                .orElse(null);
        Role role = authentication.getAuthorities().stream()
                .map(granted -> granted.getAuthority().substring("ROLE_".length()))
                .map(Role::valueOf)
                .findFirst()
                .orElse(Role.PREDICTOR);
        return new Caller(principal.keyId(), principal.name(), role, expiresAt, true);
    }
}
