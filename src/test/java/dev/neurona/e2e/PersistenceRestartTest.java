package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.NeuronaApplication;
import dev.neurona.support.Http;
import dev.neurona.support.TestData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** Datasets, jobs and models live in the data directory: a second process on it serves the same models. */
@Tag("e2e")
@ExtendWith(TestData.DeleteDataDir.class)
class PersistenceRestartTest {

    static final Path DATA_DIR = TestData.tempDir("neurona-restart-");

    private static final List<Map<String, Object>> ROWS = List.of(
            Map.of("x1", -3.1, "x2", -2.7, "color", "red"),
            Map.of("x1", 2.9, "x2", 3.2, "color", "green"),
            Map.of("x1", 0.0, "x2", 0.5, "color", "blue"));

    @Test
    void aRestartedServiceListsTheSameDataAndPredictsIdentically() {
        String datasetId;
        String jobId;
        String modelId;
        JsonNode modelBefore;
        JsonNode before;
        try (ConfigurableApplicationContext app = start(DATA_DIR)) {
            Http http = new Http(port(app));
            datasetId = http.dataset(TestData.blobs(40, 9), Map.of("name", "restart"))
                    .get("id")
                    .asString();
            jobId = http.submit(datasetId, TestData.softmax3(20, 16));
            modelId = http.awaitState(jobId, "SUCCEEDED", Duration.ofSeconds(120))
                    .get("modelId")
                    .asString();
            modelBefore = http.get("/api/v1/models/" + modelId).json();
            before = http.predict(modelId, ROWS);
        }

        try (ConfigurableApplicationContext app = start(DATA_DIR)) {
            Http http = new Http(port(app));
            assertThat(http.ids("/api/v1/datasets")).containsExactly(datasetId);
            JsonNode dataset = http.get("/api/v1/datasets/" + datasetId).json();
            assertThat(dataset.get("rows").asInt()).isEqualTo(120);
            assertThat(http.get("/api/v1/datasets/" + datasetId + "/samples?limit=3")
                            .json())
                    .hasSize(3);
            assertThat(http.ids("/api/v1/models")).containsExactly(modelId);
            JsonNode modelAfter = http.get("/api/v1/models/" + modelId).json();
            assertThat(modelAfter.get("metrics")).isEqualTo(modelBefore.get("metrics"));
            assertThat(modelAfter.get("artifacts")).isEqualTo(modelBefore.get("artifacts"));
            JsonNode job = http.job(jobId);
            assertThat(job.get("state").asString()).isEqualTo("SUCCEEDED");
            assertThat(job.get("modelId").asString()).isEqualTo(modelId);

            JsonNode after = http.predict(modelId, ROWS);
            for (int r = 0; r < ROWS.size(); r++) {
                JsonNode b = before.get(r);
                JsonNode a = after.get(r);
                assertThat(a.get("label").asString()).isEqualTo(b.get("label").asString());
                assertThat(a.get("probabilities").propertyNames())
                        .containsExactlyElementsOf(b.get("probabilities").propertyNames());
                for (String cls : b.get("probabilities").propertyNames()) {
                    assertThat(a.get("probabilities").get(cls).asDouble())
                            .as("row %d, class %s", r, cls)
                            .isCloseTo(b.get("probabilities").get(cls).asDouble(), within(1e-6));
                }
            }
        }
    }

    /**
     * Command-line arguments, not {@code SpringApplicationBuilder.properties}: those are default properties, which
     * application.yaml would override (its data-dir is ./data).
     */
    private static ConfigurableApplicationContext start(Path dataDir) {
        ConfigurableApplicationContext app = new SpringApplicationBuilder(NeuronaApplication.class)
                .run("--server.port=0", "--neurona.data-dir=" + dataDir);
        assertThat(app.getEnvironment().getProperty("neurona.data-dir")).isEqualTo(dataDir.toString());
        return app;
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }
}
