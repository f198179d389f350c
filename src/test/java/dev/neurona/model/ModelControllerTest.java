package dev.neurona.model;

import static dev.neurona.support.Problems.answer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.neurona.dataset.Task;
import dev.neurona.platform.problem.NotFoundException;
import dev.neurona.security.SliceSecurity;
import dev.neurona.support.ControllerTest;
import dev.neurona.support.Problems;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.assertj.MockMvcTester;
import tools.jackson.databind.JsonNode;

/** {@code /api/v1/models} over the wire: reading is for predictors, deleting for admins, unknown ids are 404s. */
@ControllerTest(ModelController.class)
class ModelControllerTest {

    static final UUID ID = UUID.fromString("5e9a1f30-6c2d-4b8a-8f1e-2d7c9b0a4e63");
    static final UUID JOB = UUID.fromString("a1b2c3d4-0000-4000-8000-000000000001");

    @Autowired
    MockMvcTester mvc;

    @MockitoBean
    ModelRegistry registry;

    static ModelRecord model(UUID id, String name) {
        return new ModelRecord(
                id,
                JOB,
                UUID.fromString("a1b2c3d4-0000-4000-8000-000000000002"),
                name,
                Task.REGRESSION,
                Instant.parse("2026-11-23T10:00:00Z"),
                null,
                null,
                Metrics.regression(30, 0.05, 0.09, 0.24, 0.98),
                Map.of("models/" + id + "/model-0000.params", "9f86d081"),
                List.of(new Finding("converged", "the loss stopped falling at epoch 12", 12, 0.05)),
                null);
    }

    @Test
    void aModelIsShownWithItsMetricsArtifactsAndFindings() {
        when(registry.get(ID.toString())).thenReturn(model(ID, "house prices"));

        assertThat(mvc.get().uri("/api/v1/models/" + ID).header("X-API-Key", SliceSecurity.PREDICTOR))
                .hasStatusOk()
                .hasContentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .bodyJson()
                .isLenientlyEqualTo(
                        """
                        {"id": "%s", "jobId": "%s", "name": "house prices", "task": "regression",
                         "createdAt": "2026-11-23T10:00:00Z",
                         "metrics": {"testRows": 30, "mse": 0.09, "rmse": 0.3, "mae": 0.24, "r2": 0.98},
                         "artifacts": {"models/%s/model-0000.params": "9f86d081"},
                         "diagnosis": [{"kind": "converged", "epoch": 12}]}"""
                                .formatted(ID, JOB, ID));
    }

    @Test
    void theListKeepsTheRegistrysOrder() {
        UUID older = UUID.randomUUID();
        when(registry.list()).thenReturn(List.of(model(ID, "newest"), model(older, "older")));

        assertThat(mvc.get().uri("/api/v1/models").header("X-API-Key", SliceSecurity.PREDICTOR))
                .hasStatusOk()
                .bodyJson()
                .extractingPath("$[*].name")
                .asArray()
                .containsExactly("newest", "older");
    }

    @Test
    void anUnknownModelIsA404Problem() {
        UUID unknown = UUID.randomUUID();
        when(registry.get(unknown.toString())).thenThrow(new NotFoundException("model", unknown));

        JsonNode missing = Problems.problem(
                answer(mvc.get()
                        .uri("/api/v1/models/" + unknown)
                        .header("X-API-Key", SliceSecurity.PREDICTOR)
                        .exchange()),
                404);
        assertThat(missing.get("type").asString()).isEqualTo("https://neurona.dev/problems/not-found");
        assertThat(missing.get("detail").asString()).isEqualTo("No model with id " + unknown + ".");
        // a reference that is neither an id nor a name: ModelRefsTest
    }

    @Test
    void onlyAnAdminDeletesAModel() {
        for (String key : List.of(SliceSecurity.PREDICTOR, SliceSecurity.TRAINER)) {
            JsonNode forbidden = Problems.problem(
                    answer(mvc.delete()
                            .uri("/api/v1/models/" + ID)
                            .header("X-API-Key", key)
                            .exchange()),
                    403);
            assertThat(forbidden.get("detail").asString()).contains("DELETE /api/v1/models/" + ID);
        }
        verify(registry, never()).delete(any(String.class));

        assertThat(mvc.delete().uri("/api/v1/models/" + ID).header("X-API-Key", SliceSecurity.ADMIN))
                .hasStatus(204)
                .body()
                .isEmpty();
        verify(registry).delete(ID.toString());
    }

    @Test
    void withoutAKeyModelsAreNotShown() {
        JsonNode problem =
                Problems.problem(answer(mvc.get().uri("/api/v1/models").exchange()), 401);
        assertThat(problem.get("type").asString()).isEqualTo("https://neurona.dev/problems/unauthorized");
        verify(registry, never()).list();
    }
}
