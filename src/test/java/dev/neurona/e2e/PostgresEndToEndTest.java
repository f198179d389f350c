package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import dev.neurona.support.TestData;
import dev.neurona.support.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The service on PostgreSQL (profile {@code postgres}), in a fresh schema of database {@code test}: Flyway runs the
 * H2-flavoured migrations unchanged, JobRunr keeps its queue in the same schema, and every SQL statement of the code
 * base runs (datasets, jobs with their history and cancellation, models with receipts, replays, API keys).
 */
@EndToEndTest(properties = "neurona.node-name=pg-it-node")
@ActiveProfiles("postgres")
class PostgresEndToEndTest {

    static final String SCHEMA = "neurona_pg_it";
    static final Duration TRAINING = Duration.ofSeconds(120);

    @BeforeAll
    static void freshSchema() {
        TestPostgres.dropSchema(SCHEMA);
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> TestPostgres.url(SCHEMA));
        registry.add("spring.datasource.username", () -> TestPostgres.USER);
        registry.add("spring.datasource.password", () -> TestPostgres.PASSWORD);
        // the one setting the postgres profile hands to Flyway and JobRunr as well
        registry.add("NEURONA_DB_SCHEMA", () -> SCHEMA);
    }

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void irisIsUploadedTrainedReplayedPredictedAndDeleted() throws IOException {
        Assumptions.assumeTrue(
                Files.exists(ApiEndToEndTest.IRIS), "../shared is absent: no " + ApiEndToEndTest.IRIS.toAbsolutePath());
        Http.Response upload = http.upload(
                "/api/v1/datasets",
                Map.of("name", "iris", "labelColumn", "species"),
                "iris.csv",
                Files.readAllBytes(ApiEndToEndTest.IRIS));
        assertThat(upload.status()).as("%s", upload).isEqualTo(201);
        String datasetId = upload.json().get("id").asString();
        JsonNode dataset = http.get("/api/v1/datasets/" + datasetId).json();
        assertThat(dataset.get("rows").asInt()).isEqualTo(150);
        assertThat(Http.strings(dataset.get("classes"), null)).containsExactly("setosa", "versicolor", "virginica");
        assertThat(dataset.get("columns")).hasSize(5);
        assertThat(http.get("/api/v1/datasets/" + datasetId + "/samples?limit=2")
                        .json())
                .hasSize(2);
        assertThat(http.ids("/api/v1/datasets")).contains(datasetId);

        String spec = TestData.softmax3(40, 16);
        assertThat(http.dryRun(datasetId, spec).get("totalParameters").asLong()).isEqualTo(131);
        assertThat(http.jobsOn(datasetId)).as("a dry run creates no job").isEmpty();

        String jobId = http.submit(datasetId, spec);
        JsonNode job = http.awaitState(jobId, "SUCCEEDED", TRAINING);
        assertThat(job.get("history")).hasSize(40);
        assertThat(job.get("startedAt").isNull()).isFalse();
        assertThat(Instant.parse(job.get("finishedAt").asString()))
                .isAfterOrEqualTo(Instant.parse(job.get("startedAt").asString()));
        String modelId = job.get("modelId").asString();
        assertThat(http.jobsOn(datasetId)).containsExactly(jobId);

        JsonNode model = http.get("/api/v1/models/" + modelId).json();
        assertThat(model.get("jobId").asString()).isEqualTo(jobId);
        assertThat(model.get("metrics").get("accuracy").asDouble()).isGreaterThan(0.8);
        assertThat(model.get("receipt").get("seed").asLong()).isEqualTo(42);
        assertThat(http.ids("/api/v1/models")).contains(modelId);
        JsonNode predictions = http.predict(modelId, TestData.SETOSA_AND_VIRGINICA);
        assertThat(predictions.get(0).get("label").asString()).isEqualTo("setosa");
        assertThat(predictions.get(1).get("label").asString()).isEqualTo("virginica");

        // a replay stores the model it retrains (a nullable UUID column) and compares receipts
        Http.Response replay = http.post("/api/v1/models/" + modelId + "/replay", null, new byte[0]);
        assertThat(replay.status()).as("%s", replay).isEqualTo(202);
        String replayJob = replay.json().get("id").asString();
        assertThat(replay.json().get("replayOf").asString()).isEqualTo(modelId);
        String replayModel =
                http.awaitState(replayJob, "SUCCEEDED", TRAINING).get("modelId").asString();
        assertThat(http.get("/api/v1/models/" + replayModel)
                        .json()
                        .get("receipt")
                        .get("replayMatches")
                        .asBoolean())
                .isTrue();

        assertThat(http.delete("/api/v1/models/" + modelId).status()).isEqualTo(204);
        Problems.problem(http.get("/api/v1/models/" + modelId), 404);
        assertThat(http.ids("/api/v1/models")).doesNotContain(modelId).contains(replayModel);
        assertThat(http.delete("/api/v1/models/" + replayModel).status()).isEqualTo(204);
        assertThat(http.delete("/api/v1/datasets/" + datasetId).status()).isEqualTo(204);
        Problems.problem(http.get("/api/v1/datasets/" + datasetId), 404);
    }

    @Test
    void queuedAndRunningJobsAreCancelled() {
        String datasetId = http.dataset(TestData.blobs(30, 3), Map.of("name", "pg-cancel"))
                .get("id")
                .asString();
        String first = http.submit(datasetId, TestData.softmax3(5000, 1));
        String second = http.submit(datasetId, TestData.softmax3(5000, 1));
        String running = http.awaitRunning(TRAINING, first, second);
        String queued = running.equals(first) ? second : first;
        assertThat(http.job(queued).get("state").asString()).isEqualTo("QUEUED");
        Problems.conflict(http.delete("/api/v1/datasets/" + datasetId), "in use");

        Http.Response cancelQueued = http.cancel(queued);
        assertThat(cancelQueued.status()).as("%s", cancelQueued).isEqualTo(200);
        assertThat(cancelQueued.json().get("state").asString()).isEqualTo("CANCELLED");
        Problems.conflict(http.cancel(queued), "CANCELLED");

        assertThat(http.cancel(running).json().get("cancelRequested").asBoolean())
                .isTrue();
        JsonNode cancelled = http.awaitState(running, "CANCELLED", Duration.ofSeconds(30));
        assertThat(cancelled.get("modelId").isNull()).isTrue();
        assertThat(http.get("/api/v1/jobs?limit=1").json()).hasSize(1);
        assertThat(http.delete("/api/v1/datasets/" + datasetId).status()).isEqualTo(204);
    }

    @Test
    void keysAreCreatedUsedAndRevoked() {
        Instant expires = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        Http.Response created = http.postJson(
                "/api/v1/keys", Map.of("name", "pg predictor", "role", "predictor", "expiresAt", expires.toString()));
        assertThat(created.status()).as("%s", created).isEqualTo(201);
        String id = created.json().get("id").asString();
        Http predictor = new Http(port, created.json().get("key").asString());
        assertThat(predictor.get("/api/v1/models").status()).isEqualTo(200);
        JsonNode listed = null;
        for (JsonNode key : http.get("/api/v1/keys").json()) {
            if (id.equals(key.get("id").asString())) {
                listed = key;
            }
        }
        assertThat(listed).as("the new key is listed").isNotNull();
        assertThat(Instant.parse(listed.get("expiresAt").asString())).isEqualTo(expires);
        assertThat(http.delete("/api/v1/keys/" + id).status()).isEqualTo(204);
        assertThat(predictor.get("/api/v1/models").status()).isEqualTo(401);
    }

    /** PostgreSQL refuses NUL in text where H2 stores it: such names must be a 400, not a 500 from the database. */
    @Test
    void namesWithNulAreRefusedBeforeTheDatabase() {
        Problems.fieldProblem(http.upload(Map.of("name", "iris\u0000copy"), TestData.blobs(5, 1)), "name");
        Problems.fieldProblem(http.postJson("/api/v1/keys", Map.of("name", "ci\u0000", "role", "trainer")), "name");
    }

    @Test
    void everythingLivesInTheTestSchema() throws SQLException {
        JsonNode health = http.get("/actuator/health").json();
        assertThat(health.get("status").asString()).as("%s", health).isEqualTo("UP");
        assertThat(health.get("components")
                        .get("db")
                        .get("details")
                        .get("database")
                        .asString())
                .isEqualTo("PostgreSQL");
        JsonNode info = http.get("/actuator/info").json().get("neurona");
        assertThat(info.get("role").asString()).isEqualTo("all");
        assertThat(info.get("node").asString()).isEqualTo("pg-it-node");

        try (Connection c = TestPostgres.connect()) {
            assertThat(strings(c, "SELECT table_name FROM information_schema.tables WHERE table_schema = ?", SCHEMA))
                    .contains(
                            "dataset",
                            "training_job",
                            "model",
                            "api_key",
                            "flyway_schema_history",
                            "jobrunr_jobs",
                            "jobrunr_backgroundjobservers",
                            "jobrunr_migrations");
            assertThat(strings(c, "SELECT domain_name FROM information_schema.domains WHERE domain_schema = ?", SCHEMA))
                    .containsExactly("clob");
            assertThat(strings(
                            c,
                            "SELECT version FROM " + SCHEMA + ".flyway_schema_history WHERE success AND "
                                    + "version IS NOT NULL ORDER BY installed_rank"))
                    .startsWith("1", "2", "3", "4");
            // JobRunr's server registered under the node's name
            assertThat(strings(c, "SELECT name FROM " + SCHEMA + ".jobrunr_backgroundjobservers"))
                    .contains("pg-it-node");
        }
    }

    /** The first column of a query's rows. */
    private static List<String> strings(Connection c, String sql, String... parameters) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
