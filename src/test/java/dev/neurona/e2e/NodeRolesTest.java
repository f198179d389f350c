package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.NeuronaApplication;
import dev.neurona.support.Http;
import dev.neurona.support.TestData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jobrunr.server.BackgroundJobServer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * An api node and a worker node on one database: the api node accepts a job but never trains it, the worker trains
 * it, and either serves the model. Both run in this JVM on one H2 file (H2 shares an embedded database between
 * connections of one process), which is what several processes on PostgreSQL do across machines.
 */
@Tag("e2e")
@ExtendWith(TestData.DeleteDataDir.class)
class NodeRolesTest {

    static final Path DATA_DIR = TestData.tempDir("neurona-roles-");

    @Test
    void anApiNodeQueuesWhatOnlyAWorkerTrains() {
        try (ConfigurableApplicationContext api = start("api", "api-1")) {
            Http http = new Http(port(api));
            assertThat(api.getBeanProvider(BackgroundJobServer.class).getIfAvailable())
                    .as("job server")
                    .isNull();
            JsonNode info = http.get("/actuator/info").json().get("neurona");
            assertThat(info.get("role").asString()).isEqualTo("api");
            assertThat(info.get("node").asString()).isEqualTo("api-1");
            assertThat(http.get("/actuator/prometheus").body()).contains("node=\"api-1\"");
            assertThat(http.get("/actuator/health")
                            .json()
                            .get("components")
                            .get("JobRunr")
                            .get("details")
                            .get("backgroundJobServer")
                            .asString())
                    .isEqualTo("disabled");

            String datasetId = http.dataset(TestData.blobs(20, 5), Map.of("name", "roles"))
                    .get("id")
                    .asString();
            String jobId = http.submit(datasetId, TestData.softmax3(5, 16));
            // two of JobRunr's poll intervals (5 s): a node with a job server would have started it by now
            Http.pause(11_000);
            assertThat(http.job(jobId).get("state").asString()).isEqualTo("QUEUED");

            try (ConfigurableApplicationContext worker = start("worker", "worker-1")) {
                BackgroundJobServer server = worker.getBean(BackgroundJobServer.class);
                assertThat(server.isRunning()).isTrue();
                assertThat(server.getConfiguration().getName()).isEqualTo("worker-1");
                JsonNode job = http.awaitState(jobId, "SUCCEEDED", Duration.ofSeconds(120));

                Http workerHttp = new Http(port(worker));
                assertThat(workerHttp
                                .get("/actuator/info")
                                .json()
                                .get("neurona")
                                .get("role")
                                .asString())
                        .isEqualTo("worker");
                List<Map<String, Object>> rows = List.of(Map.of("x1", -3.0, "x2", -3.0, "color", "red"));
                String modelId = job.get("modelId").asString();
                assertThat(http.predict(modelId, rows).get(0).get("label").asString())
                        .isEqualTo("a");
                assertThat(workerHttp.predict(modelId, rows).get(0).get("label").asString())
                        .isEqualTo("a");
                assertThat(worker.getBean(JdbcClient.class)
                                .sql("SELECT COUNT(*) FROM api_key")
                                .query(Long.class)
                                .single())
                        .as("only the api node's bootstrap key")
                        .isEqualTo(1);
            }
        }
    }

    /** Command-line arguments, so the role is known before the environment is post-processed. */
    private static ConfigurableApplicationContext start(String role, String name) {
        return new SpringApplicationBuilder(NeuronaApplication.class)
                .run(
                        "--server.port=0",
                        "--neurona.role=" + role,
                        "--neurona.node-name=" + name,
                        "--neurona.data-dir=" + DATA_DIR);
    }

    private static int port(ConfigurableApplicationContext app) {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }
}
