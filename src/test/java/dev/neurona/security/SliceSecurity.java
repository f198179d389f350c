package dev.neurona.security;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.neurona.platform.NeuronaProperties;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The service's own security in a {@code @WebMvcTest} slice of any package (see {@code support/ControllerTest}):
 * its filter chain with the role rules and problem+json refusals, the settings it reads, and a key store that knows
 * one key per role and no other.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import(SecurityConfig.class)
@EnableConfigurationProperties(NeuronaProperties.class)
public class SliceSecurity {

    public static final String ADMIN = secret(Role.ADMIN);
    public static final String TRAINER = secret(Role.TRAINER);
    public static final String PREDICTOR = secret(Role.PREDICTOR);

    @Bean
    ApiKeyService apiKeyService() {
        ApiKeyService keys = mock(ApiKeyService.class);
        knowOneKeyPerRole(keys);
        return keys;
    }

    /** Makes a mocked key store accept {@link #ADMIN}, {@link #TRAINER} and {@link #PREDICTOR}. */
    static void knowOneKeyPerRole(ApiKeyService keys) {
        for (Role role : Role.values()) {
            ApiKey key = new ApiKey(
                    UUID.nameUUIDFromBytes(role.name().getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                    role.json() + " key",
                    role,
                    secret(role).substring(0, 8),
                    Instant.parse("2026-01-01T00:00:00Z"),
                    null,
                    null,
                    null);
            when(keys.authenticate(secret(role))).thenReturn(Optional.of(key));
        }
    }

    private static String secret(Role role) {
        return "nrn_slice_" + role.name().toLowerCase(Locale.ROOT);
    }
}
