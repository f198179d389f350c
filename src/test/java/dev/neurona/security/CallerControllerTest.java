package dev.neurona.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.when;

import dev.neurona.support.ControllerTest;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;

/** {@code GET /api/v1/me}: any valid key learns its own name and role; no key is a 401. */
@ControllerTest(CallerController.class)
class CallerControllerTest {

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    ApiKeyService keys;

    @BeforeEach
    void callers() {
        SliceSecurity.knowOneKeyPerRole(keys);
    }

    @Test
    void aPredictorKeyLearnsItsRoleNameAndExpiry() {
        UUID id = UUID.nameUUIDFromBytes("PREDICTOR".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        Instant expires = Instant.parse("2027-01-01T00:00:00Z");
        when(keys.list())
                .thenReturn(List.of(
                        new ApiKey(id, "predictor key", Role.PREDICTOR, "p", Instant.EPOCH, expires, null, null)));

        assertThat(mvc.get().uri("/api/v1/me").header("X-API-Key", SliceSecurity.PREDICTOR))
                .hasStatusOk()
                .bodyJson()
                .isLenientlyEqualTo("{\"keyId\": \"" + id + "\", \"name\": \"predictor key\", \"role\": \"predictor\","
                        + " \"expiresAt\": \"2027-01-01T00:00:00Z\", \"securityEnabled\": true}");
    }

    @Test
    void anAdminKeyIsAnAdmin() {
        assertThat(mvc.get().uri("/api/v1/me").header("X-API-Key", SliceSecurity.ADMIN))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$.role")
                .isEqualTo("admin");
    }

    @Test
    void withoutAKeyOrWithAnUnknownOneItIsA401() {
        assertThat(mvc.get().uri("/api/v1/me")).hasStatus(401);
        assertThat(mvc.get().uri("/api/v1/me").header("X-API-Key", "nrn_nobody_knows_this_key"))
                .hasStatus(401);
    }
}
