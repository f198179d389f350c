package dev.neurona.security;

import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import dev.neurona.platform.NeuronaProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.dao.DuplicateKeyException;

class AdminKeyBootstrapTest {

    private final ApiKeyService keys = mock(ApiKeyService.class);

    private static NeuronaProperties properties(String role) {
        return new Binder(new MapConfigurationPropertySource(Map.of("neurona.role", role)))
                .bindOrCreate("neurona", NeuronaProperties.class);
    }

    @Test
    void aWorkerNeverCreatesTheFirstKey() {
        new AdminKeyBootstrap(keys, properties("worker")).run(null);
        verifyNoInteractions(keys);
    }

    @Test
    void theFirstKeyHasAFixedIdSoASecondNodeStartingTogetherCannotAddAnother() {
        when(keys.count()).thenReturn(0L);
        when(keys.store(eq(AdminKeyBootstrap.FIRST_ADMIN), anyString(), eq(Role.ADMIN), anyString(), isNull()))
                .thenThrow(new DuplicateKeyException("api_key primary key"));
        assertThatNoException().isThrownBy(() -> new AdminKeyBootstrap(keys, properties("api")).run(null));
        verify(keys).store(eq(AdminKeyBootstrap.FIRST_ADMIN), any(), any(), any(), any());
    }
}
