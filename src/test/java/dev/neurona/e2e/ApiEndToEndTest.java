package dev.neurona.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.neurona.support.EndToEndTest;
import dev.neurona.support.Http;
import dev.neurona.support.Problems;
import dev.neurona.support.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** The REST API over real HTTP: upload, dry run, train, evaluate, predict, cancel. Bad input: {@link BadRequestsEndToEndTest}. */
@EndToEndTest
class ApiEndToEndTest {

    static final Path IRIS = Path.of("../shared/data/tabular/iris.csv");
    static final Duration TRAINING = Duration.ofSeconds(120);

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        http = new Http(port);
    }

    @Test
    void irisIsUploadedDryRunTrainedEvaluatedAndPredicts() throws IOException {
        Assumptions.assumeTrue(Files.exists(IRIS), "../shared is absent: no " + IRIS.toAbsolutePath());
        Http.Response upload = http.upload(
                "/api/v1/datasets",
                Map.of("name", "iris", "labelColumn", "species", "task", "classification"),
                "iris.csv",
                Files.readAllBytes(IRIS));
        assertThat(upload.status()).as("%s", upload).isEqualTo(201);
        JsonNode dataset = upload.json();
        String datasetId = dataset.get("id").asString();
        assertThat(upload.location()).endsWith("/api/v1/datasets/" + datasetId);
        assertThat(dataset.get("rows").asInt()).isEqualTo(150);
        assertThat(dataset.get("task").asString()).isEqualTo("classification");
        assertThat(Http.strings(dataset.get("classes"), null)).containsExactly("setosa", "versicolor", "virginica");
        assertThat(dataset.get("inputShape").get(0).asInt()).isEqualTo(4);
        assertThat(dataset.get("columns")).hasSize(5);
        assertThat(http.get("/api/v1/datasets/" + datasetId).json().get("rows").asInt())
                .isEqualTo(150);
        JsonNode samples = http.get("/api/v1/datasets/" + datasetId + "/samples?offset=0&limit=2")
                .json();
        assertThat(samples).hasSize(2);
        assertThat(samples.get(0).get("sepal length (cm)").asDouble()).isEqualTo(5.1);
        assertThat(samples.get(0).get("species").asString()).isEqualTo("setosa");

        String spec = TestData.softmax3(60, 16);
        JsonNode plan = http.dryRun(datasetId, spec);
        assertThat(plan.get("totalParameters").asLong()).isEqualTo(4 * 16 + 16 + 16 * 3 + 3);
        assertThat(plan.get("layers")).hasSize(2);
        assertThat(plan.get("layers").get(0).get("parameters").asLong()).isEqualTo(80);
        assertThat(plan.get("layers").get(0).get("outputShape").toString()).isEqualTo("[-1,16]");
        assertThat(plan.get("layers").get(1).get("parameters").asLong()).isEqualTo(51);
        assertThat(plan.get("layers").get(1).get("outputShape").toString()).isEqualTo("[-1,3]");
        assertThat(plan.get("spec").get("loss").asString()).isEqualTo("categorical_crossentropy");
        int testRows = plan.get("testRows").asInt();
        assertThat(testRows).isEqualTo(30);
        assertThat(plan.get("trainRows").asInt() + plan.get("validationRows").asInt() + testRows)
                .isEqualTo(150);
        assertThat(http.jobsOn(datasetId)).as("a dry run creates no job").isEmpty();

        String jobId = http.submit(datasetId, spec);
        JsonNode job = http.awaitState(jobId, "SUCCEEDED", TRAINING);
        assertThat(job.get("epoch").asInt()).isEqualTo(60);
        assertThat(job.get("history")).hasSize(60);
        assertThat(job.get("failureReason").isNull()).isTrue();
        String modelId = job.get("modelId").asString();

        Http.Response modelResponse = http.get("/api/v1/models/" + modelId);
        assertThat(modelResponse.status()).isEqualTo(200);
        JsonNode model = modelResponse.json();
        assertThat(model.get("jobId").asString()).isEqualTo(jobId);
        assertThat(model.get("datasetId").asString()).isEqualTo(datasetId);
        JsonNode metrics = model.get("metrics");
        assertThat(metrics.get("testRows").asInt()).isEqualTo(testRows);
        assertThat(metrics.get("accuracy").asDouble()).isGreaterThan(0.85);
        JsonNode confusion = metrics.get("confusionMatrix");
        assertThat(confusion).hasSize(3);
        int sum = 0;
        for (JsonNode row : confusion) {
            assertThat(row).hasSize(3);
            for (JsonNode cell : row) {
                sum += cell.asInt();
            }
        }
        assertThat(sum).isEqualTo(testRows);

        JsonNode predictions = http.predict(modelId, TestData.SETOSA_AND_VIRGINICA);
        assertThat(predictions.get(0).get("label").asString()).isEqualTo("setosa");
        assertThat(predictions.get(1).get("label").asString()).isEqualTo("virginica");
        for (JsonNode p : predictions) {
            assertThat(p.get("probabilities").propertyNames()).containsExactly("setosa", "versicolor", "virginica");
            double total = 0;
            for (JsonNode probability : p.get("probabilities").values()) {
                assertThat(probability.asDouble()).isBetween(0.0, 1.0);
                total += probability.asDouble();
            }
            assertThat(total).isCloseTo(1.0, within(1e-4));
            assertThat(p.get("probabilities").get(p.get("label").asString()).asDouble())
                    .isGreaterThan(0.5);
        }
        assertThat(http.ids("/api/v1/models")).contains(modelId);
    }

    @Test
    void regressionTaskIsInferredAndTrainsToAGoodFit() {
        JsonNode dataset = http.dataset(TestData.linear(300, 7), Map.of("name", "linear"));
        assertThat(dataset.get("task").asString()).isEqualTo("regression");
        assertThat(dataset.get("labelColumn").asString()).isEqualTo("y");
        assertThat(dataset.get("classes")).isEmpty();
        String spec =
                """
                {"layers":[{"type":"dense","units":16,"activation":"relu"},{"type":"dense","units":1}],
                 "loss":"mse","optimizer":{"type":"adam","learningRate":0.01},"epochs":40,"batchSize":16,"seed":7}""";
        JsonNode plan = http.dryRun(dataset.get("id").asString(), spec);
        assertThat(plan.get("totalParameters").asLong()).isEqualTo(2 * 16 + 16 + 16 + 1);
        assertThat(plan.get("outputActivation").asString()).isEqualTo("identity");

        String jobId = http.submit(dataset.get("id").asString(), spec);
        JsonNode job = http.awaitState(jobId, "SUCCEEDED", TRAINING);
        JsonNode metrics = http.get("/api/v1/models/" + job.get("modelId").asString())
                .json()
                .get("metrics");
        assertThat(metrics.get("r2").asDouble()).isGreaterThan(0.8);
        assertThat(metrics.get("mae").asDouble()).isPositive();
        assertThat(metrics.get("accuracy").isNull()).isTrue();

        JsonNode predictions = http.predict(
                job.get("modelId").asString(), List.of(Map.of("x1", 1.0, "x2", -1.0), Map.of("x1", 0.0, "x2", 0.0)));
        assertThat(predictions.get(0).has("label")).isFalse();
        assertThat(predictions.get(0).has("probabilities")).isFalse();
        assertThat(predictions.get(0).get("value").asDouble()).isCloseTo(5.0, within(1.0));
        assertThat(predictions.get(1).get("value").asDouble()).isCloseTo(0.0, within(1.0));
    }

    @Test
    void queuedAndRunningJobsCanBeCancelledButFinishedOnesCannot() {
        String datasetId = http.dataset(TestData.blobs(30, 3), Map.of("name", "cancel-me"))
                .get("id")
                .asString();
        String first = http.submit(datasetId, TestData.softmax3(5000, 1));
        String second = http.submit(datasetId, TestData.softmax3(5000, 1));
        // one training per JVM: whichever JobRunr picks up first runs, the other waits in the queue
        String running = http.awaitRunning(TRAINING, first, second);
        String queued = running.equals(first) ? second : first;
        assertThat(http.job(queued).get("state").asString()).isEqualTo("QUEUED");

        Problems.conflict(http.delete("/api/v1/datasets/" + datasetId), "in use");

        Http.Response cancelQueued = http.cancel(queued);
        assertThat(cancelQueued.status()).as("%s", cancelQueued).isEqualTo(200);
        assertThat(cancelQueued.json().get("state").asString()).isEqualTo("CANCELLED");
        assertThat(http.job(queued).get("state").asString()).isEqualTo("CANCELLED");
        assertThat(http.job(running).get("state").asString()).isEqualTo("RUNNING");
        Problems.conflict(http.cancel(queued), "CANCELLED");

        Http.Response cancelRunning = http.cancel(running);
        assertThat(cancelRunning.status()).as("%s", cancelRunning).isEqualTo(200);
        assertThat(cancelRunning.json().get("cancelRequested").asBoolean()).isTrue();
        JsonNode cancelled = http.awaitState(running, "CANCELLED", Duration.ofSeconds(30));
        assertThat(cancelled.get("modelId").isNull()).isTrue();
        assertThat(cancelled.get("epoch").asInt()).isLessThan(5000);
        Problems.conflict(http.cancel(running), "CANCELLED");
        for (JsonNode model : http.get("/api/v1/models").json()) {
            assertThat(model.get("jobId").asString()).isNotIn(running, queued);
        }
        // a cancelled job neither holds the worker nor the dataset
        assertThat(http.delete("/api/v1/datasets/" + datasetId).status()).isEqualTo(204);
        assertThat(http.get("/api/v1/datasets/" + datasetId).status()).isEqualTo(404);
    }

    @Test
    void divergingTrainingFailsWithAReasonAndNoModel() {
        String datasetId = http.dataset(TestData.linear(200, 11), Map.of("name", "diverge"))
                .get("id")
                .asString();
        // plain gradient descent on a linear model with standardised inputs blows up for any learning rate above ~1
        String jobId = http.submit(
                datasetId,
                """
                {"layers":[{"type":"dense","units":1}],"optimizer":{"type":"sgd","learningRate":10},
                 "epochs":50,"batchSize":4,"seed":1}""");
        JsonNode job = http.awaitState(jobId, "FAILED", TRAINING);
        assertThat(job.get("failureReason").asString())
                .containsAnyOf("NaN", "infinite")
                .contains("learning rate");
        assertThat(job.get("modelId").isNull()).isTrue();
    }

    @Test
    void aSingleSoftmaxLayerTrains() {
        // multinomial logistic regression; the softmax cross-entropy gradient sums to zero over the classes, so the
        // sum of all gradients is 0 up to rounding, and with this data and seed it is exactly 0.0f in float32
        String datasetId = http.dataset(TestData.blobs(30, 3), Map.of("name", "logistic"))
                .get("id")
                .asString();
        String jobId = http.submit(
                datasetId,
                """
                {"layers":[{"type":"dense","units":3,"activation":"softmax"}],"epochs":2,"seed":8}""");
        JsonNode job = http.awaitState(jobId, "SUCCEEDED", TRAINING);
        assertThat(job.get("history")).hasSize(2);
    }

    @Test
    void splitsThatLeaveNoTrainingRowsAreRefusedUpFront() {
        String datasetId = http.dataset("x,y\n1,a\n2,b\n", Map.of("name", "two-rows"))
                .get("id")
                .asString();
        // stratified: each class has one row, and a test split of 0.5 rounds that row into the test set
        String body = "{\"datasetId\":\"" + datasetId + "\",\"spec\":{\"layers\":[{\"type\":\"dense\",\"units\":2,"
                + "\"activation\":\"softmax\"}],\"testSplit\":0.5}";
        assertThat(Problems.fields(http.postJson("/api/v1/jobs", body + ",\"dryRun\":true}")))
                .containsAnyOf("spec.testSplit", "spec.validationSplit");
        assertThat(Problems.fields(http.postJson("/api/v1/jobs", body + "}")))
                .containsAnyOf("spec.testSplit", "spec.validationSplit");
    }
}
