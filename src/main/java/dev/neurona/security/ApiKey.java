package dev.neurona.security;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.UUID;

/**
 * An API key as listed: never its secret. {@code key} is filled only in the answer to its creation, the one time
 * the secret is shown.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ApiKey(
        UUID id,
        String name,
        Role role,
        String prefix,
        Instant createdAt,
        Instant expiresAt,
        Instant revokedAt,
        String key) {

    boolean activeAt(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
