package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import dev.neurona.support.TestData;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.NestedTestConfiguration;
import org.springframework.test.context.NestedTestConfiguration.EnclosingConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * Bad requests over real HTTP: every one is a problem naming the field, and afterwards the service still serves what
 * it served before (health, the shared dataset and model, predictions).
 */
@EndToEndTest
class BadRequestsEndToEndTest {

    static final Duration TRAINING = Duration.ofSeconds(120);

    /** A small blobs dataset and a model trained on it, made once and shared by the tests that only need one. */
    private static String blobsDataset;

    private static String blobsModel;

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void badUploadsAreProblemsNamingTheField() {
        Http.Response noFile = http.upload("/api/v1/datasets", Map.of("name", "x"), null, null);
        Problems.fieldProblem(noFile, "file");
        Problems.fieldProblem(http.upload("/api/v1/datasets", Map.of(), "empty.csv", new byte[0]), "file");
        assertThat(Problems.fieldProblem(http.upload(Map.of(), "a,b\n"), "file"))
                .contains("no data rows");
        assertThat(Problems.fieldProblem(http.upload(Map.of(), "a,b,c\n1,2,x\n3,4\n5,6,y\n"), "file"))
                .contains("line 3");
        byte[] latin1 = "a,b\n1,caf\u00e9\n2,th\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Problems.fieldProblem(http.upload("/api/v1/datasets", Map.of(), "latin1.csv", latin1), "file"))
                .contains("UTF-8");
        String csv = TestData.blobs(5, 1);
        assertThat(Problems.fieldProblem(http.upload(Map.of("labelColumn", "nope"), csv), "labelColumn"))
                .contains("x1");
        Problems.fieldProblem(http.upload(Map.of("task", "clustering"), csv), "task");
        Problems.fieldProblem(http.upload(Map.of("missingValues", "sometimes"), csv), "missingValues");
        Problems.fieldProblem(http.upload(Map.of("separator", "x"), csv), "separator");
        assertThat(Problems.fieldProblem(http.upload(Map.of(), "a,b,y\n1,,p\n2,3,q\n4,5,p\n"), "file"))
                .contains("'b'");
        assertThat(Problems.fieldProblem(http.upload(Map.of("task", "regression"), csv), "task"))
                .contains("cls");
        Problems.fieldProblem(http.upload(Map.of("labelColumn", "color"), "x,color\n1,red\n2,red\n"), "labelColumn");
        Problems.fieldProblem(http.upload(Map.of(), "just_one_column\n1\n2\n"), "file");
        Problems.problem(http.postJson("/api/v1/datasets", "{\"name\":\"x\"}"), 415);
        Problems.fieldProblem(http.get("/api/v1/datasets/" + blobsDataset() + "/samples?limit=0"), "limit");
        assertThat(Problems.fieldProblem(
                        http.get("/api/v1/datasets/" + blobsDataset() + "/samples?offset=-1"), "offset"))
                .isEqualTo("must be at least 0, was -1");
        assertThat(Problems.fieldProblem(http.get("/api/v1/jobs?limit=1001"), "limit"))
                .isEqualTo("must be at most 1000, was 1001");
        Problems.fieldProblem(http.get("/api/v1/jobs?limit=-1"), "limit");
        Problems.problem(http.get("/api/v1/datasets/00000000-0000-0000-0000-000000000000"), 404);
        Problems.problem(http.delete("/api/v1/datasets/00000000-0000-0000-0000-000000000000"), 404);
        Problems.fieldProblem(http.get("/api/v1/datasets/not-a-uuid"), "id");
        assertServiceStillServes();
    }

    @Test
    void badJobSubmissionsAreProblemsNamingTheField() {
        String ds = http.dataset(TestData.blobs(10, 4), Map.of("name", "bad-jobs"))
                .get("id")
                .asString();
        List<Map.Entry<String, String>> cases = new ArrayList<>();
        String dense = "{\"type\":\"dense\",\"units\":16,\"activation\":\"relu\"}";
        String out = "{\"type\":\"dense\",\"units\":3,\"activation\":\"softmax\"}";
        cases.add(Map.entry("datasetId", "{\"spec\":" + TestData.softmax3(1, 8) + "}"));
        cases.add(Map.entry(
                "datasetId",
                "{\"datasetId\":\"00000000-0000-0000-0000-000000000000\",\"spec\":" + TestData.softmax3(1, 8) + "}"));
        cases.add(Map.entry("datasetId", "{\"datasetId\":\"abc\",\"spec\":" + TestData.softmax3(1, 8) + "}"));
        cases.add(Map.entry("spec", "{\"datasetId\":\"" + ds + "\"}"));
        cases.add(Map.entry("spec.layers", spec(ds, "\"layers\":[]")));
        cases.add(Map.entry(
                "spec.layers[0].units", spec(ds, "\"layers\":[{\"type\":\"dense\",\"units\":0}," + out + "]")));
        cases.add(Map.entry(
                "spec.layers[0].activation",
                spec(ds, "\"layers\":[{\"type\":\"dense\",\"units\":4,\"activation\":\"relux\"}," + out + "]")));
        cases.add(Map.entry(
                "spec.layers[1].type", spec(ds, "\"layers\":[" + dense + ",{\"type\":\"conv3d\"}," + out + "]")));
        cases.add(Map.entry("spec.epochs", spec(ds, "\"layers\":[" + dense + "," + out + "],\"epochs\":\"ten\"")));
        cases.add(Map.entry(
                "spec.optimizer.learningRate",
                spec(ds, "\"layers\":[" + out + "],\"optimizer\":{\"type\":\"sgd\",\"learningRate\":-0.1}")));
        cases.add(Map.entry(
                "spec.optimizer.type",
                spec(ds, "\"layers\":[" + out + "],\"optimizer\":{\"type\":\"adadelta\",\"learningRate\":0.1}")));
        cases.add(Map.entry(
                "spec.layers[1].units",
                spec(ds, "\"layers\":[" + dense + ",{\"type\":\"dense\",\"units\":2,\"activation\":\"softmax\"}]")));
        cases.add(Map.entry("spec.loss", spec(ds, "\"layers\":[" + dense + "," + out + "],\"loss\":\"mse\"")));
        cases.add(Map.entry(
                "spec.layers[1].rate",
                spec(ds, "\"layers\":[" + dense + ",{\"type\":\"dropout\",\"rate\":1.5}," + out + "]")));
        cases.add(Map.entry("spec.testSplit", spec(ds, "\"layers\":[" + out + "],\"testSplit\":0.95")));
        cases.add(Map.entry("body", "this is not JSON"));
        // truncated JSON is reported where the parser stopped
        cases.add(Map.entry("spec.layers", "{\"datasetId\": \"" + ds + "\", \"spec\": {\"layers\": ["));
        cases.forEach(c -> {
            String field = c.getKey();
            String body = c.getValue();
            Problems.fieldProblem(http.postJson("/api/v1/jobs", body), field);
            Http.Response dry = http.postJson("/api/v1/jobs", body.replaceFirst("\\{", "{\"dryRun\":true,"));
            assertThat(dry.status()).as("dry run of %s: %s", field, dry).isEqualTo(400);
        });
        Http.Response unknownProperty =
                http.postJson("/api/v1/jobs", spec(ds, "\"layers\":[{\"type\":\"dense\",\"unit\":4}," + out + "]"));
        Problems.fieldProblemUnder(unknownProperty, "spec.layers[0]", "unit");
        assertThat(http.jobsOn(ds)).as("no bad submission created a job").isEmpty();
        Problems.fieldProblem(http.get("/api/v1/jobs/not-a-uuid"), "id");
        Problems.problem(http.get("/api/v1/jobs/00000000-0000-0000-0000-000000000000"), 404);
        Problems.problem(http.post("/api/v1/jobs/00000000-0000-0000-0000-000000000000/cancel", null, new byte[0]), 404);
        Problems.problem(http.delete("/api/v1/jobs/00000000-0000-0000-0000-000000000000"), 405);
        assertServiceStillServes();
    }

    @Test
    void badModelRequestsAreProblemsNamingTheField() {
        String model = blobsModel();
        String predictions = "/api/v1/models/" + model + "/predictions";
        Problems.problem(http.get("/api/v1/models/00000000-0000-0000-0000-000000000000"), 404);
        Problems.problem(
                http.postJson(
                        "/api/v1/models/00000000-0000-0000-0000-000000000000/predictions",
                        Map.of("rows", List.of(Map.of("x1", 1, "x2", 1, "color", "red")))),
                404);
        // a name-shaped reference names a registered model; anything else is no reference at all
        Problems.problem(http.get("/api/v1/models/not-a-uuid"), 404);
        Problems.fieldProblem(http.get("/api/v1/models/not%20a%20uuid"), "ref");
        Problems.fieldProblem(
                http.postJson(predictions, Map.of("rows", List.of(Map.of("x1", 1, "color", "red")))), "rows[0].x2");
        Problems.fieldProblem(
                http.postJson(
                        predictions,
                        Map.of(
                                "rows",
                                List.of(
                                        Map.of("x1", 1, "x2", 1, "color", "red"),
                                        Map.of("x1", "abc", "x2", 1, "color", "red")))),
                "rows[1].x1");
        // an unseen category is no error by default (unknownCategories=ignore): all zeros, said in the row's notes
        JsonNode purple = http.predict(model, List.of(Map.of("x1", 1, "x2", 1, "color", "purple")))
                .get(0)
                .get("notes")
                .get(0);
        assertThat(purple.get("field").asString()).isEqualTo("rows[0].color");
        assertThat(purple.get("reason").asString()).contains("purple", "unknownCategories=ignore");
        Problems.fieldProblem(http.postJson(predictions, Map.of("rows", List.of())), "rows");
        Problems.fieldProblem(http.postJson(predictions, "{}"), "rows");
        Problems.fieldProblem(http.postJson(predictions, "{\"rows\": [1, 2]}"), "rows[0]");
        Problems.problem(
                http.post(predictions, "text/csv", "x1,x2,color\n1,1,red\n".getBytes(StandardCharsets.UTF_8)), 415);
        Problems.problem(http.delete("/api/v1/models/00000000-0000-0000-0000-000000000000"), 404);
        assertServiceStillServes();
    }

    @Nested
    @NestedTestConfiguration(EnclosingConfiguration.OVERRIDE)
    @EndToEndTest(properties = "neurona.max-upload-size=1KB")
    class UploadLimit {

        @LocalServerPort
        int limitedPort;

        @Test
        void uploadsAboveTheLimitAre413Problems() {
            Http limited = new Http(limitedPort);
            String big = TestData.blobs(160, 5);
            assertThat(big.length()).isGreaterThan(10_000);
            Problems.problem(limited.upload(Map.of(), big), 413);
            String small = TestData.blobs(5, 5);
            assertThat(small.length()).isLessThan(700);
            assertThat(limited.upload(Map.of(), small).status()).isEqualTo(201);
        }
    }

    /** Health is UP, the shared dataset and model are still listed, and the model still predicts. */
    private void assertServiceStillServes() {
        JsonNode health = http.get("/actuator/health").json();
        assertThat(health.get("status").asString()).as("%s", health).isEqualTo("UP");
        String dataset = blobsDataset();
        String model = blobsModel();
        assertThat(http.ids("/api/v1/datasets")).contains(dataset);
        assertThat(http.ids("/api/v1/models")).contains(model);
        JsonNode p = http.predict(
                model,
                List.of(
                        Map.of("x1", -3.0, "x2", -3.0, "color", "green"),
                        Map.of("x1", 3.0, "x2", 3.0, "color", "blue")));
        assertThat(p.get(0).get("label").asString()).isEqualTo("a");
        assertThat(p.get(1).get("label").asString()).isEqualTo("b");
    }

    private synchronized String blobsDataset() {
        if (blobsDataset == null) {
            blobsDataset = http.dataset(TestData.blobs(50, 2), Map.of("name", "blobs"))
                    .get("id")
                    .asString();
        }
        return blobsDataset;
    }

    private synchronized String blobsModel() {
        if (blobsModel == null) {
            String job = http.submit(blobsDataset(), TestData.softmax3(20, 16));
            blobsModel =
                    http.awaitState(job, "SUCCEEDED", TRAINING).get("modelId").asString();
        }
        return blobsModel;
    }

    private static String spec(String datasetId, String specBody) {
        return "{\"datasetId\":\"" + datasetId + "\",\"spec\":{" + specBody + "}}";
    }
}
