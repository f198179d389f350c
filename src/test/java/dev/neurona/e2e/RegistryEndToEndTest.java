package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import dev.neurona.support.TestData;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The model registry over HTTP: jobs registering versions of one name, predictions by id, name, version and alias,
 * aliases moving under load, and deletes.
 */
@EndToEndTest
class RegistryEndToEndTest {

    private static final Duration TRAINING = Duration.ofSeconds(120);
    private static final List<Map<String, Object>> ROWS = List.of(
            Map.of("x1", -3.0, "x2", -3.0, "color", "red"),
            Map.of("x1", 0.5, "x2", 0.2, "color", "blue"),
            Map.of("x1", -1.0, "x2", 2.0, "color", "green"));

    @LocalServerPort
    int port;

    @Test
    void versionsAliasesPredictionsAndDeletes() throws Exception {
        Http http = new Http(port);
        String datasetId = http.dataset(
                        TestData.blobs(30, 7),
                        Map.of("name", "Blobs Data", "labelColumn", "cls", "task", "classification"))
                .get("id")
                .asString();

        Http.Response refused = http.postJson(
                "/api/v1/jobs",
                "{\"datasetId\":\"" + datasetId + "\",\"spec\":" + TestData.softmax3(1, 64)
                        + ",\"register\":{\"name\":\"no way\"}}");
        assertThat(Problems.fieldProblem(refused, "register.name")).contains("URL-safe");
        assertThat(http.jobsOn(datasetId)).as("nothing queued for a bad name").isEmpty();

        // two versions trained differently, so their answers differ
        String v1 = model(http, http.submit(datasetId, TestData.softmax3(1, 64), "Blobs-CLF"));
        String v2 = model(http, http.submit(datasetId, TestData.softmax3(30, 16), "blobs-clf"));
        String derived = model(http, http.submit(datasetId, TestData.softmax3(1, 64)));
        assertThat(http.getJson("/api/v1/models/" + derived)
                        .get("registeredName")
                        .asString())
                .isEqualTo("blobs-data");
        JsonNode newest = http.getJson("/api/v1/models/blobs-clf");
        assertThat(newest.get("id").asString()).isEqualTo(v2);
        assertThat(newest.get("registeredName").asString()).isEqualTo("blobs-clf");
        assertThat(newest.get("version").asInt()).isEqualTo(2);

        JsonNode byId1 = predict(http, "/api/v1/models/" + v1, v1, 1);
        JsonNode byId2 = predict(http, "/api/v1/models/" + v2, v2, 2);
        assertThat(byId1).isNotEqualTo(byId2);
        assertThat(predict(http, "/api/v1/models/blobs-clf", v2, 2)).isEqualTo(byId2);
        assertThat(predict(http, "/api/v1/models/BLOBS-CLF/versions/1", v1, 1)).isEqualTo(byId1);

        assertThat(http.exchange(
                                "PUT",
                                "/api/v1/registered-models/blobs-clf/aliases/champion",
                                Map.of("Content-Type", "application/json"),
                                "{\"version\": 1}".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .status())
                .isEqualTo(200);
        assertThat(predict(http, "/api/v1/models/blobs-clf@champion", v1, 1)).isEqualTo(byId1);
        assertThat(http.get("/api/v1/models/blobs-clf@champion/charts/confusion.png")
                        .status())
                .isEqualTo(200);

        aliasFlipsNeverServeAMix(http, Map.of(1, byId1, 2, byId2));

        JsonNode patched = http.exchange(
                        "PATCH",
                        "/api/v1/registered-models/blobs-clf",
                        Map.of("Content-Type", "application/json"),
                        "{\"description\": \"three blobs\", \"tags\": {\"team\": \"demo\"}}"
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .expect(200)
                .json();
        assertThat(patched.get("description").asString()).isEqualTo("three blobs");
        assertThat(patched.get("tags").get("team").asString()).isEqualTo("demo");
        JsonNode shown = http.getJson("/api/v1/registered-models/blobs-clf");
        assertThat(Http.strings(shown.get("versions"), "modelId")).containsExactly(v2, v1);
        assertThat(http.getJson("/api/v1/registered-models")).hasSize(2);

        // the version an alias points at stays until the alias moves
        int aliased = shown.get("aliases").get("champion").asInt();
        assertThat(http.delete("/api/v1/registered-models/blobs-clf/versions/" + aliased)
                        .status())
                .isEqualTo(409);
        http.delete("/api/v1/registered-models/blobs-clf/aliases/champion").expect(204);
        http.delete("/api/v1/registered-models/blobs-clf/versions/1").expect(204);
        assertThat(Problems.problem(http.get("/api/v1/models/blobs-clf/versions/1"), 404)
                        .get("detail")
                        .asString())
                .contains("no version 1");
        assertThat(Problems.problem(
                                http.postJson("/api/v1/models/blobs-clf@champion/predictions", Map.of("rows", ROWS)),
                                404)
                        .get("detail")
                        .asString())
                .contains("no alias 'champion'");
        assertThat(Problems.fieldProblem(http.get("/api/v1/models/not%20a%20name"), "ref"))
                .contains("URL-safe");

        http.delete("/api/v1/registered-models/blobs-clf").expect(204);
        assertThat(Problems.problem(http.get("/api/v1/models/" + v2), 404)).isNotNull();
        assertThat(Problems.problem(http.get("/api/v1/models/blobs-clf"), 404)
                        .get("detail")
                        .asString())
                .contains("blobs-clf");
    }

    /**
     * Requests to name@champion from several clients while the alias flips between two versions: each answer must be
     * exactly the answer of the one version it says answered it.
     */
    private void aliasFlipsNeverServeAMix(Http http, Map<Integer, JsonNode> answers) throws Exception {
        AtomicBoolean flipping = new AtomicBoolean(true);
        Set<Integer> seen = ConcurrentHashMap.newKeySet();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int c = 0; c < 4; c++) {
                results.add(clients.submit(() -> {
                    Http client = new Http(port);
                    int requests = 0;
                    while (flipping.get() || requests == 0) {
                        JsonNode answer = client.postJson(
                                        "/api/v1/models/blobs-clf@champion/predictions", Map.of("rows", ROWS))
                                .expect(200)
                                .json();
                        int version = answer.get("version").asInt();
                        assertThat(answer.get("registeredName").asString()).isEqualTo("blobs-clf");
                        assertThat(answer.get("predictions"))
                                .as("answer claiming version %d", version)
                                .isEqualTo(answers.get(version));
                        seen.add(version);
                        requests++;
                    }
                    return requests;
                }));
            }
            for (int flip = 0; flip < 40; flip++) {
                http.exchange(
                                "PUT",
                                "/api/v1/registered-models/blobs-clf/aliases/champion",
                                Map.of("Content-Type", "application/json"),
                                ("{\"version\": " + (flip % 2 + 1) + "}")
                                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                        .expect(200);
                Http.pause(10);
            }
            flipping.set(false);
            int total = 0;
            for (Future<Integer> r : results) {
                total += r.get();
            }
            System.out.printf("alias flips: 40 moves, %d concurrent predictions, versions seen %s%n", total, seen);
            assertThat(seen).containsExactlyInAnyOrder(1, 2);
        } finally {
            flipping.set(false);
            clients.shutdownNow();
        }
    }

    private static String model(Http http, String jobId) {
        return http.awaitState(jobId, "SUCCEEDED", TRAINING).get("modelId").asString();
    }

    private static JsonNode predict(Http http, String path, String modelId, int version) {
        JsonNode answer = http.postJson(path + "/predictions", Map.of("rows", ROWS))
                .expect(200)
                .json();
        assertThat(answer.get("modelId").asString()).isEqualTo(modelId);
        assertThat(answer.get("version").asInt()).isEqualTo(version);
        return answer.get("predictions");
    }
}
